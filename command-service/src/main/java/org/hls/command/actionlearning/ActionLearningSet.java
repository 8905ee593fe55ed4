package org.hls.command.actionlearning;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.InsightRecorded;
import org.hls.events.actionlearning.MemberJoined;
import org.hls.events.actionlearning.MemberLeft;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.QuestionAsked;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.actionlearning.SessionOpened;

/**
 * An action learning set and its numbered sessions. A session opens with the previous presenter's updates on the
 * actions they committed; then one member presents a problem, the supporters ask questions (only questions), the
 * presenter records insights and commits actions, people evaluate, and the facilitator closes it. Everything is for
 * the set's members and its facilitator only.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
public class ActionLearningSet {

    static final int MIN_MEMBERS = 3;
    static final int MAX_MEMBERS = 8;

    @AggregateIdentifier
    private String setId;
    private String facilitator;
    private final Set<String> members = new LinkedHashSet<>();
    private int session;
    private boolean closed = true;
    private String presenter;
    private String previousPresenter;
    /** Actions the last presenter committed that still wait for their update, however many sessions ago. */
    private final Set<String> awaitingUpdate = new HashSet<>();
    private final Set<String> committedThisSession = new HashSet<>();
    private final Set<String> evaluatedBy = new HashSet<>();

    protected ActionLearningSet() {
    }

    @CommandHandler
    public ActionLearningSet(FormActionLearningSet command) {
        List<String> members = command.members().stream().distinct().toList();
        if (members.contains(command.facilitator())) {
            throw new CommandRefused(Refusal.INVALID, "members",
                    "must not include the facilitator: the facilitator keeps the rules and is not a member");
        }
        if (members.size() < MIN_MEMBERS || members.size() > MAX_MEMBERS) {
            throw new CommandRefused(Refusal.INVALID, "members", "must name " + MIN_MEMBERS + " to " + MAX_MEMBERS
                    + " different people (" + members.size() + " given)");
        }
        if (!command.caller().is(command.facilitator()) && !members.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.FORBIDDEN,
                    "A set is formed by its facilitator or one of its members.");
        }
        apply(new ActionLearningSetFormed(command.setId(), command.name(), command.facilitator(), members,
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(AddSetMember command) {
        requireFacilitator(command.caller(), "adds members");
        if (members.contains(command.memberId()) || command.memberId().equals(facilitator)) {
            throw new CommandRefused(Refusal.CONFLICT, command.memberId() + " is already in this set.");
        }
        if (members.size() >= MAX_MEMBERS) {
            throw new CommandRefused(Refusal.CONFLICT, "This set already has " + MAX_MEMBERS
                    + " members, the most a set may have.");
        }
        apply(new MemberJoined(setId, command.memberId(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RemoveSetMember command) {
        requireInSet(command.caller());
        if (!command.caller().is(command.memberId()) && !command.caller().is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "Members leave by themselves; only the facilitator may "
                    + "remove someone else.");
        }
        if (!members.contains(command.memberId())) {
            throw new CommandRefused(Refusal.NOT_FOUND, command.memberId() + " is not a member of this set.");
        }
        apply(new MemberLeft(setId, command.memberId(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public int handle(OpenSession command) {
        requireFacilitator(command.caller(), "opens sessions");
        if (!closed) {
            throw new CommandRefused(Refusal.CONFLICT, "Session " + session + " is still open; the facilitator "
                    + "closes it before the next one opens.");
        }
        apply(new SessionOpened(setId, session + 1, command.caller().actor(), command.occurredAt()));
        return session;
    }

    @CommandHandler
    public void handle(UpdateAction command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        if (!command.caller().is(previousPresenter) && !command.caller().is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "Updates come from the previous session's presenter, "
                    + "on the actions they committed.");
        }
        if (!awaitingUpdate.contains(command.actionId())) {
            throw new CommandRefused(Refusal.NOT_FOUND,
                    "No committed action is waiting for an update with this id.");
        }
        apply(new ActionUpdated(setId, session, command.actionId(), command.status(), command.note(),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(PresentProblem command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        if (!command.caller().is(command.presenter()) && !command.caller().is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN,
                    "The presenter brings their own problem (or the facilitator records it for them).");
        }
        if (!members.contains(command.presenter())) {
            throw new CommandRefused(Refusal.INVALID, "presenter", "must be a member of this set");
        }
        if (presenter != null) {
            throw new CommandRefused(Refusal.CONFLICT, "Session " + session + " already has its presenter: "
                    + "one presenter per session.");
        }
        if (!awaitingUpdate.isEmpty()) {
            throw new CommandRefused(Refusal.CONFLICT, "The previous presenter's updates come first: "
                    + awaitingUpdate.size() + " committed action(s) of " + previousPresenter
                    + " still need an update (DONE, PARTLY or NOT_DONE) before a new problem is presented.");
        }
        apply(new ProblemPresented(setId, session, command.presenter(), command.problem(), command.caller().actor(),
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(AskQuestion command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresentation();
        if (command.caller().is(presenter)) {
            throw new CommandRefused(Refusal.FORBIDDEN,
                    "The presenter does not ask questions in their own session; the supporters do.");
        }
        OpenQuestions.problemWith(command.text()).ifPresent(problem -> {
            throw new CommandRefused(Refusal.INVALID, "text", problem);
        });
        apply(new QuestionAsked(setId, session, command.text(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RecordInsight command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresenter(command.caller(), "records insights");
        apply(new InsightRecorded(setId, session, command.text(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(CommitAction command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresenter(command.caller(), "commits to actions");
        if (command.dueBy().isBefore(LocalDate.ofInstant(command.occurredAt(), ZoneOffset.UTC))) {
            throw new CommandRefused(Refusal.INVALID, "dueBy", "must not be in the past");
        }
        apply(new ActionCommitted(setId, session, command.actionId(), command.text(), command.dueBy(),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(EvaluateSession command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        if (evaluatedBy.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "You have already evaluated session " + session + ".");
        }
        apply(new SessionEvaluated(setId, session, command.score(), command.comment(), command.caller().actor(),
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(CloseSession command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requireFacilitator(command.caller(), "closes sessions");
        apply(new SessionClosed(setId, session, command.caller().actor(), command.occurredAt()));
    }

    /** Everything about a set is for its members and its facilitator only, whatever else the caller may be. */
    private void requireInSet(Caller caller) {
        if (!caller.is(facilitator) && !members.contains(caller.personId())) {
            throw new CommandRefused(Refusal.FORBIDDEN,
                    "Only the members and the facilitator of this action learning set may take part in it.");
        }
    }

    private void requireFacilitator(Caller caller, String action) {
        requireInSet(caller);
        if (!caller.is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "Only the set's facilitator " + action + ".");
        }
    }

    private void requireOpenSession(Caller caller, int sessionNumber) {
        requireInSet(caller);
        if (sessionNumber < 1 || sessionNumber > session) {
            throw new CommandRefused(Refusal.NOT_FOUND, "This set has no session " + sessionNumber + ".");
        }
        if (sessionNumber < session || closed) {
            throw new CommandRefused(Refusal.CONFLICT,
                    "Session " + sessionNumber + " is closed; it accepts nothing more.");
        }
    }

    private void requirePresentation() {
        if (presenter == null) {
            throw new CommandRefused(Refusal.CONFLICT, "No problem has been presented in session " + session
                    + " yet.");
        }
    }

    private void requirePresenter(Caller caller, String action) {
        requirePresentation();
        if (!caller.is(presenter)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "Only the presenter " + action + " in their session.");
        }
    }

    @EventSourcingHandler
    void on(ActionLearningSetFormed event) {
        setId = event.setId();
        facilitator = event.facilitator();
        members.addAll(event.members());
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        members.add(event.memberId());
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        members.remove(event.memberId());
    }

    @EventSourcingHandler
    void on(SessionOpened event) {
        session = event.sessionNumber();
        closed = false;
        if (presenter != null) {
            previousPresenter = presenter;
        }
        presenter = null;
        awaitingUpdate.addAll(committedThisSession);
        committedThisSession.clear();
        evaluatedBy.clear();
    }

    @EventSourcingHandler
    void on(ActionUpdated event) {
        awaitingUpdate.remove(event.actionId());
    }

    @EventSourcingHandler
    void on(ProblemPresented event) {
        presenter = event.presenter();
    }

    @EventSourcingHandler
    void on(ActionCommitted event) {
        committedThisSession.add(event.actionId());
    }

    @EventSourcingHandler
    void on(SessionEvaluated event) {
        evaluatedBy.add(event.actor().personId());
    }

    @EventSourcingHandler
    void on(SessionClosed event) {
        closed = true;
    }
}
