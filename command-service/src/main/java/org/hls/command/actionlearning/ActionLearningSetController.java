package org.hls.command.actionlearning;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.web.Creating;
import org.hls.command.web.IdResponse;
import org.hls.command.web.Ids;
import org.hls.command.web.Text;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/sets", produces = MediaType.APPLICATION_JSON_VALUE)
class ActionLearningSetController {

    private final CommandGateway commands;
    private final Creating creating;
    private final Clock clock;
    private final MessageSource messages;

    ActionLearningSetController(CommandGateway commands, Creating creating, Clock clock, MessageSource messages) {
        this.commands = commands;
        this.creating = creating;
        this.clock = clock;
        this.messages = messages;
    }

    @Operation(summary = "Form an action learning set")
    @PostMapping
    ResponseEntity<IdResponse> form(@Valid @RequestBody FormActionLearningSetRequest request, Caller caller) {
        String setId = Ids.newId();
        creating.send(setId, new FormActionLearningSet(setId, request.name().strip(), request.facilitator(),
                request.members(), caller, clock.instant()));
        return ResponseEntity.created(URI.create("/api/sets/" + setId)).body(new IdResponse(setId));
    }

    @Operation(summary = "Add a member to a set")
    @PostMapping("/{setId}/members")
    IdResponse addMember(@PathVariable String setId, @Valid @RequestBody AddSetMemberRequest request,
                         Caller caller) {
        commands.sendAndWait(new AddSetMember(Ids.known(setId), request.memberId(), caller, clock.instant()));
        return new IdResponse(setId);
    }

    /** A member leaves, or the facilitator removes them. */
    @Operation(summary = "Remove a member from a set, or leave it")
    @DeleteMapping("/{setId}/members/{memberId}")
    IdResponse removeMember(@PathVariable String setId, @PathVariable String memberId, Caller caller) {
        commands.sendAndWait(new RemoveSetMember(Ids.known(setId), Ids.knownPerson(memberId), caller,
                clock.instant()));
        return new IdResponse(setId);
    }

    /** A facilitator who cannot go on hands over; when they cannot, a member takes it up or gives it to another. */
    @Operation(summary = "Hand a set's facilitation over to someone else")
    @PostMapping("/{setId}/facilitator")
    IdResponse handOver(@PathVariable String setId, @Valid @RequestBody HandOverFacilitationRequest request,
                        Caller caller) {
        commands.sendAndWait(new HandOverFacilitation(Ids.known(setId), request.facilitator(), caller,
                clock.instant()));
        return new IdResponse(setId);
    }

    /** The set has done its work: it meets no more. */
    @Operation(summary = "End a set, once its last session has closed (its facilitator)")
    @PostMapping("/{setId}/end")
    IdResponse end(@PathVariable String setId, Caller caller) {
        commands.sendAndWait(new EndActionLearningSet(Ids.known(setId), caller, clock.instant()));
        return new IdResponse(setId);
    }

    @Operation(summary = "Open the next session of a set")
    @PostMapping("/{setId}/sessions")
    ResponseEntity<SessionResponse> openSession(@PathVariable String setId, Caller caller) {
        int sessionNumber = commands.sendAndWait(new OpenSession(Ids.known(setId), caller, clock.instant()));
        return ResponseEntity.created(URI.create("/api/sets/" + setId + "/sessions/" + sessionNumber))
                .body(new SessionResponse(setId, sessionNumber));
    }

    @Operation(summary = "Update an action from an earlier session")
    @PostMapping("/{setId}/sessions/{sessionNumber}/updates")
    SessionResponse updateAction(@PathVariable String setId, @PathVariable int sessionNumber,
                                 @Valid @RequestBody UpdateActionRequest request, Caller caller) {
        commands.sendAndWait(new UpdateAction(Ids.known(setId), sessionNumber, request.actionId(), request.status(),
                Text.optional(request.note()), caller, clock.instant()));
        return new SessionResponse(setId, sessionNumber);
    }

    @Operation(summary = "Present a problem to the session")
    @PostMapping("/{setId}/sessions/{sessionNumber}/presentation")
    SessionResponse present(@PathVariable String setId, @PathVariable int sessionNumber,
                            @Valid @RequestBody PresentProblemRequest request, Caller caller) {
        commands.sendAndWait(new PresentProblem(Ids.known(setId), sessionNumber, request.presenter(),
                request.problem().strip(), caller, clock.instant()));
        return new SessionResponse(setId, sessionNumber);
    }

    @Operation(summary = "Ask an open question (advice is refused)")
    @PostMapping("/{setId}/sessions/{sessionNumber}/questions")
    SessionResponse ask(@PathVariable String setId, @PathVariable int sessionNumber,
                        @Valid @RequestBody AskQuestionRequest request, Caller caller) {
        commands.sendAndWait(new AskQuestion(Ids.known(setId), sessionNumber, request.text().strip(), caller,
                clock.instant()));
        return new SessionResponse(setId, sessionNumber);
    }

    /** The rule a question must meet, checked without asking it: nothing is recorded. A person's, not a service's. */
    @Operation(summary = "Check whether a text is an open question (nothing is recorded)")
    @PostMapping("/question-check")
    QuestionCheck checkQuestion(@Valid @RequestBody AskQuestionRequest request, Locale locale,
                                @SuppressWarnings("unused") Caller caller) {
        return OpenQuestions.problemWith(request.text())
                .map(problem -> new QuestionCheck(false, messages.getMessage(problem, locale)))
                .orElse(new QuestionCheck(true, null));
    }

    @Operation(summary = "Record an insight")
    @PostMapping("/{setId}/sessions/{sessionNumber}/insights")
    SessionResponse recordInsight(@PathVariable String setId, @PathVariable int sessionNumber,
                                  @Valid @RequestBody RecordInsightRequest request, Caller caller) {
        commands.sendAndWait(new RecordInsight(Ids.known(setId), sessionNumber, request.text().strip(), caller,
                clock.instant()));
        return new SessionResponse(setId, sessionNumber);
    }

    @Operation(summary = "Commit to an action")
    @PostMapping("/{setId}/sessions/{sessionNumber}/actions")
    ResponseEntity<IdResponse> commitAction(@PathVariable String setId, @PathVariable int sessionNumber,
                                            @Valid @RequestBody CommitActionRequest request, Caller caller) {
        String actionId = Ids.newId();
        commands.sendAndWait(new CommitAction(Ids.known(setId), sessionNumber, actionId, request.text().strip(),
                request.dueBy(), caller, clock.instant()));
        return ResponseEntity.created(URI.create("/api/sets/" + setId + "/sessions/" + sessionNumber
                + "/actions/" + actionId)).body(new IdResponse(actionId));
    }

    @Operation(summary = "Evaluate the session")
    @PostMapping("/{setId}/sessions/{sessionNumber}/evaluations")
    SessionResponse evaluate(@PathVariable String setId, @PathVariable int sessionNumber,
                             @Valid @RequestBody EvaluateSessionRequest request, Caller caller) {
        commands.sendAndWait(new EvaluateSession(Ids.known(setId), sessionNumber, request.score(),
                Text.optional(request.comment()), caller, clock.instant()));
        return new SessionResponse(setId, sessionNumber);
    }

    @Operation(summary = "Close the session")
    @PostMapping("/{setId}/sessions/{sessionNumber}/close")
    SessionResponse close(@PathVariable String setId, @PathVariable int sessionNumber, Caller caller) {
        commands.sendAndWait(new CloseSession(Ids.known(setId), sessionNumber, caller, clock.instant()));
        return new SessionResponse(setId, sessionNumber);
    }
}
