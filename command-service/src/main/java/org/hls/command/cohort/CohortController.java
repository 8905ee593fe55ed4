package org.hls.command.cohort;

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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/cohorts", produces = MediaType.APPLICATION_JSON_VALUE)
class CohortController {

    private final CommandGateway commands;
    private final Creating creating;
    private final Clock clock;

    CohortController(CommandGateway commands, Creating creating, Clock clock) {
        this.commands = commands;
        this.creating = creating;
        this.clock = clock;
    }

    @Operation(summary = "Form a cohort")
    @PostMapping
    ResponseEntity<IdResponse> form(@Valid @RequestBody FormCohortRequest request, Caller caller) {
        String cohortId = Ids.newId();
        creating.send(cohortId, new FormCohort(cohortId, request.name().strip(), request.themes(), caller,
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/cohorts/" + cohortId)).body(new IdResponse(cohortId));
    }

    /** The caller enrols themselves. */
    @Operation(summary = "Enrol in a cohort")
    @PostMapping("/{cohortId}/enrolments")
    IdResponse enrol(@PathVariable String cohortId, Caller caller) {
        commands.sendAndWait(new EnrolInCohort(Ids.known(cohortId), caller, clock.instant()));
        return new IdResponse(cohortId);
    }

    /** The caller leaves: they read its learning no more. */
    @Operation(summary = "Leave a cohort")
    @DeleteMapping("/{cohortId}/enrolments")
    IdResponse leave(@PathVariable String cohortId, Caller caller) {
        commands.sendAndWait(new LeaveCohort(Ids.known(cohortId), caller, clock.instant()));
        return new IdResponse(cohortId);
    }

    /** The facilitator who formed it ends it, its course done. */
    @Operation(summary = "End a cohort (the facilitator who formed it)")
    @PostMapping("/{cohortId}/end")
    IdResponse end(@PathVariable String cohortId, Caller caller) {
        commands.sendAndWait(new EndCohort(Ids.known(cohortId), caller, clock.instant()));
        return new IdResponse(cohortId);
    }
}
