package org.hls.command.actionlearning;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.person.Consents;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionLearningSetEnded;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.FacilitationHandedOver;
import org.hls.events.actionlearning.FacilitatorLeft;
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
 * presenter records insights and commits actions, people evaluate (after which nothing more is asked, learnt or
 * committed), and the facilitator closes it. Once its last session has closed, its facilitator may end the set.
 * Everything is for the set's members and its facilitator only.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
// Revision 2 knows whether the set ended, 3 which actions are only partly done, 5 that who left owes no update: a
// snapshot of an older revision is not read into it, nor one of a newer by a release before.
@Revision("5")
public class ActionLearningSet {

    static final int MIN_MEMBERS = 3;
    static final int MAX_MEMBERS = 8;

    @AggregateIdentifier
    private String setId;
    private String facilitator;
    private final Set<String> members = new LinkedHashSet<>();
    private int session;
    private boolean closed = true;
    private boolean ended;
    private String presenter;
    /** Actions still waiting for their update, however many sessions ago, by who committed them (that presenter). */
    private final Map<String, String> awaitingUpdate = new HashMap<>();
    /** Actions updated as partly done or not done, by who committed them: they may be updated again at any session. */
    private final Map<String, String> carriedOn = new HashMap<>();
    private final Set<String> updatedThisSession = new HashSet<>();
    private final Set<String> committedThisSession = new HashSet<>();
    private final Set<String> evaluatedBy = new HashSet<>();

    protected ActionLearningSet() {
    }

    @CommandHandler
    public ActionLearningSet(FormActionLearningSet command) {
        List<String> members = command.members().stream().distinct().toList();
        if (members.contains(command.facilitator())) {
            throw CommandRefused.invalid("members", "refused.set.facilitator-as-member");
        }
        if (members.size() < MIN_MEMBERS || members.size() > MAX_MEMBERS) {
            throw CommandRefused.invalid("members", "refused.set.member-count", MIN_MEMBERS, MAX_MEMBERS,
                    members.size());
        }
        if (!command.caller().is(command.facilitator()) && !members.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.set.formed-by");
        }
        apply(new ActionLearningSetFormed(command.setId(), command.name(), command.facilitator(), members,
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(AddSetMember command) {
        requireFacilitator(command.caller(), "refused.set.facilitator-adds-members");
        requireMeeting();
        if (members.contains(command.memberId()) || command.memberId().equals(facilitator)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.already-member", command.memberId());
        }
        if (members.size() >= MAX_MEMBERS) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.full", MAX_MEMBERS);
        }
        apply(new MemberJoined(setId, command.memberId(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RemoveSetMember command) {
        requireInSet(command.caller());
        if (!command.caller().is(command.memberId()) && !command.caller().is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.set.remove-someone-else");
        }
        if (ended && !command.caller().is(command.memberId())) {
            // Each keeps reading what they were there for: only they may leave an ended set.
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.ended-leave-by-themselves");
        }
        if (command.memberId().equals(facilitator)) {
            // While the set meets it needs its facilitator, who hands over instead; once it has ended they may leave.
            if (!ended) {
                throw new CommandRefused(Refusal.CONFLICT, "refused.set.facilitator-hands-over");
            }
            apply(new FacilitatorLeft(setId, facilitator, command.caller().actor(), command.occurredAt()));
            return;
        }
        if (!members.contains(command.memberId())) {
            throw new CommandRefused(Refusal.NOT_FOUND, "refused.set.not-member", command.memberId());
        }
        apply(new MemberLeft(setId, command.memberId(), command.caller().actor(), command.occurredAt()));
    }

    /**
     * The facilitator hands over to anyone; a member (the facilitator fell ill, or left) only to someone already in
     * the set, themselves included, so that nobody the set did not choose reads what was said in it. Roles change
     * hands, nobody leaves: a member who takes it up is a member no longer, and the facilitator before goes on as a
     * member (who may leave as any member may), so that a member who stood in hands it back and stays.
     */
    @CommandHandler
    public void handle(HandOverFacilitation command) {
        requireInSet(command.caller());
        requireMeeting();
        if (command.facilitator().equals(facilitator)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.already-facilitator", command.facilitator());
        }
        if (!command.caller().is(facilitator) && !members.contains(command.facilitator())) {
            throw CommandRefused.invalid("facilitator", "refused.set.hand-over-within");
        }
        if (!closed && command.facilitator().equals(presenter)) {
            // One session, one presenter and a facilitator apart: who presents takes it up once their session closed.
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.hand-over-presenter", command.facilitator());
        }
        if (!members.contains(command.facilitator()) && members.size() >= MAX_MEMBERS) {
            // Someone from outside comes in while the one before stays: a full set has no room for both.
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.full", MAX_MEMBERS);
        }
        String before = facilitator;
        apply(new FacilitationHandedOver(setId, command.facilitator(), before, command.caller().actor(),
                command.occurredAt()));
        apply(new MemberJoined(setId, before, command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public int handle(OpenSession command) {
        requireFacilitator(command.caller(), "refused.set.facilitator-opens-sessions");
        requireMeeting();
        if (!closed) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.still-open", session);
        }
        // Members may always leave; a set they left too small meets again once someone joins.
        if (members.size() < MIN_MEMBERS) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.too-few-members", members.size(), MIN_MEMBERS);
        }
        apply(new SessionOpened(setId, session + 1, command.caller().actor(), command.occurredAt()));
        return session;
    }

    /**
     * The previous presenter (or the facilitator for them) says how far each action they committed got; an action only
     * partly done, or not done, may be updated again at a later session by who committed it, until it is done. Updates
     * open a session: once for each action, before its problem is presented. A note the facilitator writes down is
     * the committer's words, refused once they have withdrawn their consent.
     */
    @CommandHandler
    public void handle(UpdateAction command, Consents consents) {
        requireOpenSession(command.caller(), command.sessionNumber());
        if (updatedThisSession.contains(command.actionId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.action-updated", session);
        }
        String committedBy = committerOf(command.actionId());
        if (committedBy == null) {
            throw new CommandRefused(Refusal.NOT_FOUND, "refused.session.no-action-awaiting");
        }
        if (!command.caller().is(committedBy) && !command.caller().is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.session.updates-by-presenter");
        }
        if (presenter != null) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.updates-open-it", session);
        }
        if (command.note() != null && !command.note().isBlank() && !command.caller().is(committedBy)
                && consents.withdrawn(committedBy)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.person.words-of-someone-withdrawn");
        }
        apply(new ActionUpdated(setId, session, command.actionId(), committedBy, command.status(), command.note(),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(PresentProblem command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        if (!command.caller().is(command.presenter()) && !command.caller().is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.session.presenter-brings-problem");
        }
        if (!members.contains(command.presenter())) {
            throw CommandRefused.invalid("presenter", "refused.session.presenter-not-member");
        }
        if (presenter != null) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.has-presenter", session);
        }
        // Who is out of the set gives no update (whoever facilitates may still give one); who left and came back owes
        // none either (their actions were carried on as they left).
        List<String> owedBy = awaitingUpdate.values().stream()
                .filter(committer -> members.contains(committer) || committer.equals(facilitator)).toList();
        if (!owedBy.isEmpty()) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.updates-first", owedBy.size(),
                    String.join(", ", new TreeSet<>(owedBy)));
        }
        apply(new ProblemPresented(setId, session, command.presenter(), command.problem(), command.caller().actor(),
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(AskQuestion command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresentation();
        if (!members.contains(presenter)) {
            // Questions are for the presenter to take away: once they left the set, nobody is there to hear them.
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.presenter-left", presenter);
        }
        if (command.caller().is(presenter)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.session.presenter-asks");
        }
        requireNotEvaluatedBy(command.caller());
        OpenQuestions.problemWith(command.text()).ifPresent(problem -> {
            throw problem;
        });
        apply(new QuestionAsked(setId, session, command.text(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RecordInsight command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresenter(command.caller(), "refused.session.presenter-records-insights");
        requireNotEvaluatedBy(command.caller());
        apply(new InsightRecorded(setId, session, command.text(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(CommitAction command) {
        if (committedThisSession.contains(command.actionId()) || awaitingUpdate.containsKey(command.actionId())
                || carriedOn.containsKey(command.actionId())) {
            // Sent again (the same Idempotency-Key, the same id) after its first try was recorded, perhaps after its
            // session closed: answered as the first try would have been.
            return;
        }
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresenter(command.caller(), "refused.session.presenter-commits-actions");
        requireNotEvaluatedBy(command.caller());
        if (command.dueBy().isBefore(LocalDate.ofInstant(command.occurredAt(), ZoneOffset.UTC))) {
            throw CommandRefused.invalid("dueBy", "refused.action.due-in-past");
        }
        apply(new ActionCommitted(setId, session, command.actionId(), command.text(), command.dueBy(),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(EvaluateSession command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requirePresentation(); // what is evaluated is how the session worked on its problem

        if (evaluatedBy.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.already-evaluated", session);
        }
        apply(new SessionEvaluated(setId, session, command.score(), command.comment(), command.caller().actor(),
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(CloseSession command) {
        requireOpenSession(command.caller(), command.sessionNumber());
        requireFacilitator(command.caller(), "refused.set.facilitator-closes-sessions");
        apply(new SessionClosed(setId, session, command.caller().actor(), command.occurredAt()));
    }

    /**
     * The facilitator ends the set once its last session has closed: it meets no more, and takes no one in. Members
     * may still leave it; what was said in it stays with those who read it.
     */
    @CommandHandler
    public void handle(EndActionLearningSet command) {
        requireFacilitator(command.caller(), "refused.set.facilitator-ends");
        requireMeeting();
        if (!closed) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.end-with-open-session", session);
        }
        apply(new ActionLearningSetEnded(setId, command.caller().actor(), command.occurredAt()));
    }

    /** Who committed to {@code actionId}, if it still waits for an update or is going on; otherwise {@code null}. */
    private String committerOf(String actionId) {
        return awaitingUpdate.containsKey(actionId) ? awaitingUpdate.get(actionId) : carriedOn.get(actionId);
    }

    private void requireMeeting() {
        if (ended) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.set.ended");
        }
    }

    /** Everything about a set is for its members and its facilitator only, whatever else the caller may be. */
    private void requireInSet(Caller caller) {
        if (!caller.is(facilitator) && !members.contains(caller.personId())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.set.members-only");
        }
    }

    /** @param refusal the message code saying that only the facilitator does this */
    private void requireFacilitator(Caller caller, String refusal) {
        requireInSet(caller);
        if (!caller.is(facilitator)) {
            throw new CommandRefused(Refusal.FORBIDDEN, refusal);
        }
    }

    private void requireOpenSession(Caller caller, int sessionNumber) {
        requireInSet(caller);
        if (sessionNumber < 1 || sessionNumber > session) {
            throw new CommandRefused(Refusal.NOT_FOUND, "refused.session.unknown", sessionNumber);
        }
        if (sessionNumber < session || closed) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.closed", sessionNumber);
        }
    }

    private void requirePresentation() {
        if (presenter == null) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.no-problem-yet", session);
        }
    }

    /**
     * A session ends with its evaluation: whoever has evaluated it has said their last in it (asked, learnt or
     * committed), while nobody's evaluation ends it for anyone else (a supporter's first rating does not take the
     * presenter's summing up from them).
     */
    private void requireNotEvaluatedBy(Caller caller) {
        if (evaluatedBy.contains(caller.personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.session.evaluated", session);
        }
    }

    /** @param refusal the message code saying that only the presenter does this */
    private void requirePresenter(Caller caller, String refusal) {
        requirePresentation();
        if (!caller.is(presenter)) {
            throw new CommandRefused(Refusal.FORBIDDEN, refusal);
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
        owesNoUpdate(event.memberId());
    }

    /**
     * Who left the set gives no update: their actions hold up no problem, even should they come back (found in review:
     * one who rejoined held up the next presenter), and may still be updated by them or whoever facilitates.
     */
    private void owesNoUpdate(String person) {
        awaitingUpdate.entrySet().removeIf(action -> {
            if (!action.getValue().equals(person)) {
                return false;
            }
            carriedOn.put(action.getKey(), person);
            return true;
        });
        if (presenter != null && presenter.equals(person)) {
            // Left during their own session: what they committed in it is not awaited at the next either.
            committedThisSession.forEach(action -> carriedOn.put(action, person));
            committedThisSession.clear();
        }
    }

    @EventSourcingHandler
    void on(FacilitatorLeft event) {
        facilitator = null;
    }

    @EventSourcingHandler
    void on(FacilitationHandedOver event) {
        // The one before stays on (their MemberJoined follows): what they owe, they still owe. Out of the set after a
        // hand-over of an earlier release, they hold up no problem while they are out.
        facilitator = event.facilitator();
        members.remove(event.facilitator());
    }

    @EventSourcingHandler
    void on(SessionOpened event) {
        session = event.sessionNumber();
        closed = false;
        // Found in review: actions still waiting from a presenter who had left were taken as the next one's.
        committedThisSession.forEach(action -> awaitingUpdate.put(action, presenter));
        presenter = null;
        committedThisSession.clear();
        updatedThisSession.clear();
        evaluatedBy.clear();
    }

    @EventSourcingHandler
    void on(ActionUpdated event) {
        // A version 1 update names nobody: its action is the one the set knows.
        String committedBy = event.committedBy() != null ? event.committedBy() : committerOf(event.actionId());
        updatedThisSession.add(event.actionId());
        awaitingUpdate.remove(event.actionId());
        if (event.status() == ActionStatus.DONE || committedBy == null) {
            carriedOn.remove(event.actionId());
        } else {
            carriedOn.put(event.actionId(), committedBy);
        }
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

    @EventSourcingHandler
    void on(ActionLearningSetEnded event) {
        ended = true;
    }
}
