package org.hls.command.experiment;

import java.net.URI;
import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.web.Creating;
import org.hls.command.web.IdResponse;
import org.hls.command.web.Ids;
import org.hls.command.web.Text;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/experiments", produces = MediaType.APPLICATION_JSON_VALUE)
class ExperimentController {

    private final CommandGateway commands;
    private final Creating creating;
    private final Clock clock;

    ExperimentController(CommandGateway commands, Creating creating, Clock clock) {
        this.commands = commands;
        this.creating = creating;
        this.clock = clock;
    }

    @Operation(summary = "Propose an experiment, its ending planned from the start")
    @PostMapping
    ResponseEntity<IdResponse> propose(@Valid @RequestBody ProposeExperimentRequest request, Caller caller) {
        String experimentId = Ids.newId();
        creating.send(experimentId, new ProposeExperiment(experimentId, request.title().strip(),
                request.hypothesis().strip(), request.themes(), request.plannedEnding().strip(), request.endsBy(),
                request.storyId(), request.visibility(), caller, clock.instant()));
        return ResponseEntity.created(URI.create("/api/experiments/" + experimentId))
                .body(new IdResponse(experimentId));
    }

    @Operation(summary = "Start an experiment")
    @PostMapping("/{experimentId}/start")
    IdResponse start(@PathVariable String experimentId, Caller caller) {
        commands.sendAndWait(new StartExperiment(Ids.known(experimentId), caller, clock.instant()));
        return new IdResponse(experimentId);
    }

    @Operation(summary = "Adapt an experiment, with the reason")
    @PostMapping("/{experimentId}/adaptations")
    IdResponse adapt(@PathVariable String experimentId, @Valid @RequestBody AdaptExperimentRequest request,
                     Caller caller) {
        commands.sendAndWait(new AdaptExperiment(Ids.known(experimentId), request.change().strip(),
                request.reason().strip(), request.endsBy(), caller, clock.instant()));
        return new IdResponse(experimentId);
    }

    @Operation(summary = "Conclude an experiment with its outcome")
    @PostMapping("/{experimentId}/conclusion")
    IdResponse conclude(@PathVariable String experimentId, @Valid @RequestBody ConcludeExperimentRequest request,
                        Caller caller) {
        commands.sendAndWait(new ConcludeExperiment(Ids.known(experimentId), request.outcome(),
                request.summary().strip(), request.ending(), Text.optional(request.endingNote()), caller,
                clock.instant()));
        return new IdResponse(experimentId);
    }

    @Operation(summary = "Share an experiment more widely: its visibility only ever widens")
    @PostMapping("/{experimentId}/amplification")
    IdResponse amplify(@PathVariable String experimentId, @Valid @RequestBody AmplifyExperimentRequest request,
                       Caller caller) {
        commands.sendAndWait(new AmplifyExperiment(Ids.known(experimentId), request.visibility(), caller,
                clock.instant()));
        return new IdResponse(experimentId);
    }

    @Operation(summary = "Say how a concluded experiment's planned ending went, once it has happened")
    @PostMapping("/{experimentId}/ending")
    IdResponse ending(@PathVariable String experimentId, @Valid @RequestBody RecordEndingRequest request,
                      Caller caller) {
        commands.sendAndWait(new RecordEnding(Ids.known(experimentId), request.ending(),
                Text.optional(request.endingNote()), caller, clock.instant()));
        return new IdResponse(experimentId);
    }
}
