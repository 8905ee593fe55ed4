package org.hls.command.learning;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.person.PersonalKeys;
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
@RequestMapping(path = "/api/learning", produces = MediaType.APPLICATION_JSON_VALUE)
class LearningController {

    /** How long an entry may have waited on a device without a connection. */
    private static final Duration WAITED_AT_MOST = Duration.ofDays(7);
    /** How far ahead of ours a device's clock may be. */
    private static final Duration CLOCK_AHEAD = Duration.ofMinutes(5);

    private final CommandGateway commands;
    private final Creating creating;
    private final PersonalKeys keys;
    private final Clock clock;

    LearningController(CommandGateway commands, Creating creating, PersonalKeys keys, Clock clock) {
        this.commands = commands;
        this.creating = creating;
        this.keys = keys;
        this.clock = clock;
    }

    @Operation(summary = "Record learning")
    @PostMapping
    ResponseEntity<IdResponse> record(@Valid @RequestBody RecordLearningRequest request, Caller caller) {
        String learningId = Ids.newId();
        creating.send(learningId, () -> {
            Instant occurredAt = notedAt(request.notedAt(), clock.instant());
            String pseudonym = Boolean.TRUE.equals(request.anonymous())
                    ? keys.pseudonymFor(caller.personId(), learningId).orElseThrow(() -> new CommandRefused(
                            Refusal.CONFLICT, "refused.learning.anonymous-withdrawn")) : null;
            return new RecordLearning(learningId, request.kind(), request.summary().strip(),
                    Text.optional(request.detail()), request.themes(), request.perspective(), request.visibility(),
                    request.experimentId(), request.storyId(), request.cohortId(), pseudonym, caller, occurredAt);
        });
        return ResponseEntity.created(URI.create("/api/learning/" + learningId)).body(new IdResponse(learningId));
    }

    /**
     * When learning sent at {@code now} happened: when it was noted on the device it waited on, if it says (a clock a
     * few minutes fast is taken as now), else now.
     */
    private static Instant notedAt(Instant noted, Instant now) {
        if (noted == null) {
            return now;
        }
        if (noted.isAfter(now.plus(CLOCK_AHEAD))) {
            throw CommandRefused.invalid("notedAt", "refused.learning.noted-later");
        }
        if (noted.isBefore(now.minus(WAITED_AT_MOST))) {
            throw CommandRefused.invalid("notedAt", "refused.learning.noted-too-early", WAITED_AT_MOST.toDays());
        }
        return noted.isAfter(now) ? now : noted;
    }

    @Operation(summary = "Widen who may read a learning entry")
    @PostMapping("/{learningId}/amplification")
    IdResponse amplify(@PathVariable String learningId, @Valid @RequestBody AmplifyLearningRequest request,
                       Caller caller) {
        commands.sendAndWait(new AmplifyLearning(Ids.known(learningId), request.visibility(),
                keys.pseudonymOf(caller.personId(), learningId).orElse(null), caller, clock.instant()));
        return new IdResponse(learningId);
    }

    @Operation(summary = "Correct a learning entry: what it says from now on, and why; the words before stay in its "
            + "history")
    @PostMapping("/{learningId}/correction")
    IdResponse correct(@PathVariable String learningId, @Valid @RequestBody CorrectLearningRequest request,
                       Caller caller) {
        commands.sendAndWait(new CorrectLearning(Ids.known(learningId), request.summary().strip(),
                Text.optional(request.detail()), request.reason().strip(),
                keys.pseudonymOf(caller.personId(), learningId).orElse(null), caller, clock.instant()));
        return new IdResponse(learningId);
    }

    @Operation(summary = "Retract a learning entry")
    @PostMapping("/{learningId}/retraction")
    IdResponse retract(@PathVariable String learningId, @Valid @RequestBody RetractLearningRequest request,
                       Caller caller) {
        commands.sendAndWait(new RetractLearning(Ids.known(learningId), request.reason().strip(),
                keys.pseudonymOf(caller.personId(), learningId).orElse(null), caller, clock.instant()));
        return new IdResponse(learningId);
    }
}
