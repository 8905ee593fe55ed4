package org.hls.command.learning;

import java.net.URI;
import java.time.Clock;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.web.IdResponse;
import org.hls.command.web.Ids;
import org.hls.events.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/learning")
class LearningController {

    private final CommandGateway commands;
    private final Clock clock;

    LearningController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<IdResponse> record(@Valid @RequestBody RecordLearningRequest request, Actor actor) {
        String learningId = Ids.newId();
        String detail = request.detail() == null || request.detail().isBlank() ? null : request.detail().strip();
        commands.sendAndWait(new RecordLearning(learningId, request.kind(), request.summary().strip(), detail,
                request.themes(), request.perspective(), request.visibility(), request.experimentId(), actor,
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/learning/" + learningId)).body(new IdResponse(learningId));
    }
}
