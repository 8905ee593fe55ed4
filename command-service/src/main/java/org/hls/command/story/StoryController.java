package org.hls.command.story;

import java.net.URI;
import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.web.Creating;
import org.hls.command.web.IdResponse;
import org.hls.command.web.Ids;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/stories", produces = MediaType.APPLICATION_JSON_VALUE)
class StoryController {

    private final CommandGateway commands;
    private final Creating creating;
    private final Clock clock;

    StoryController(CommandGateway commands, Creating creating, Clock clock) {
        this.commands = commands;
        this.creating = creating;
        this.clock = clock;
    }

    @Operation(summary = "Tell a story once, with who may read it and for what")
    @PostMapping
    ResponseEntity<IdResponse> record(@Valid @RequestBody RecordStoryRequest request, Caller caller) {
        String storyId = Ids.newId();
        creating.send(storyId, new RecordStory(storyId, request.text().strip(), request.visibility(),
                request.purposes(), caller, clock.instant()));
        return ResponseEntity.created(URI.create("/api/stories/" + storyId)).body(new IdResponse(storyId));
    }

    @Operation(summary = "Narrow a story's consent")
    @PostMapping("/{storyId}/consent")
    IdResponse narrowConsent(@PathVariable String storyId, @Valid @RequestBody NarrowStoryConsentRequest request,
                             Caller caller) {
        commands.sendAndWait(new NarrowStoryConsent(Ids.known(storyId), request.visibility(), request.purposes(),
                caller, clock.instant()));
        return new IdResponse(storyId);
    }
}
