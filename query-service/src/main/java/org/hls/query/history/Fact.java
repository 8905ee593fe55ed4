package org.hls.query.history;

import java.util.List;

import org.hls.events.DomainEvent;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.projection.ProjectedEvent;

/**
 * What the history keeps of one event: only what counting needs, never anything a person said. Each fact carries the
 * event's Kafka partition, its global position and when the event store recorded it (epoch milliseconds), so that
 * the history knows what it has applied and what was known at any instant; times are epoch milliseconds.
 */
sealed interface Fact {

    /** What the history keeps of {@code event}. */
    static Fact of(ProjectedEvent event) {
        int partition = event.partition();
        long position = event.position();
        long knownAt = event.envelope().knownAt().toEpochMilli();
        DomainEvent payload = event.payload();
        long occurredAt = payload.occurredAt().toEpochMilli();
        if (payload instanceof LearningRecorded recorded) {
            return new Learning(partition, position, knownAt, recorded.learningId(), recorded.kind(),
                    recorded.perspective(), recorded.visibility(), Where.of(recorded.actor()), recorded.themes(),
                    recorded.experimentId(), occurredAt, recorded.actor().personId());
        } else if (payload instanceof LearningAmplified amplified) {
            return new Amplification(partition, position, knownAt, amplified.learningId(), amplified.visibility());
        } else if (payload instanceof LearningRetracted retracted) {
            return new Retraction(partition, position, knownAt, retracted.learningId());
        } else if (payload instanceof ExperimentProposed proposed) {
            return new Proposal(partition, position, knownAt, proposed.experimentId(),
                    proposed.visibility(), Where.of(proposed.actor()), proposed.themes(), occurredAt,
                    proposed.actor().personId());
        } else if (payload instanceof ExperimentAmplified shared) {
            return new Sharing(partition, position, knownAt, shared.experimentId(), shared.visibility());
        } else if (payload instanceof ExperimentStarted started) {
            return new Step(partition, position, knownAt, started.experimentId(), StepKind.STARTED, occurredAt,
                    null, null);
        } else if (payload instanceof ExperimentAdapted adapted) {
            return new Step(partition, position, knownAt, adapted.experimentId(), StepKind.ADAPTED, occurredAt,
                    null, null);
        } else if (payload instanceof ExperimentConcluded concluded) {
            return new Step(partition, position, knownAt, concluded.experimentId(), StepKind.CONCLUDED, occurredAt,
                    concluded.outcome(), concluded.ending());
        } else if (payload instanceof ExperimentEndingRecorded ending) {
            return new Step(partition, position, knownAt, ending.experimentId(), StepKind.ENDING_RECORDED, occurredAt,
                    null, ending.ending());
        } else if (payload instanceof ProblemPresented presented) {
            return new Presentation(partition, position, knownAt, sessionOf(presented.setId(),
                    presented.sessionNumber()));
        } else if (payload instanceof SessionClosed closed) {
            // Counted where and when its facilitator closed it, if a problem was presented in it (History).
            return activity(event, Activity.SESSION_HELD, 0, sessionOf(closed.setId(), closed.sessionNumber()));
        } else if (payload instanceof ActionCommitted committed) {
            return activity(event, Activity.ACTION_COMMITTED, 0, committed.setId() + " " + committed.actionId());
        } else if (payload instanceof ActionUpdated updated && updated.status() == ActionStatus.DONE) {
            return activity(event, Activity.ACTION_DONE, 0, updated.setId() + " " + updated.actionId());
        } else if (payload instanceof SessionEvaluated evaluated) {
            return activity(event, Activity.SESSION_EVALUATED, evaluated.score(), null);
        } else if (payload instanceof ConsentWithdrawn withdrawn) {
            return new Withdrawal(partition, position, knownAt, withdrawn.personId());
        }
        return new Passed(partition, position, knownAt);
    }

    /** One session of one set, as the history names it. */
    private static String sessionOf(String setId, int sessionNumber) {
        return setId + " " + sessionNumber;
    }

    private static Fact activity(ProjectedEvent event, Activity activity, int score, String actionId) {
        return new SetActivity(event.partition(), event.position(), event.envelope().knownAt().toEpochMilli(),
                activity, Where.of(event.payload().actor()), score, event.payload().occurredAt().toEpochMilli(),
                actionId);
    }

    int partition();

    long position();

    long knownAt();

    /** A learning entry recorded, by {@code authorId} (a person's id, or an anonymous entry's pseudonym). */
    record Learning(int partition, long position, long knownAt, String learningId, LearningKind kind,
                    Perspective perspective, Visibility visibility, Where where, List<String> themes,
                    String experimentId, long occurredAt, String authorId) implements Fact {
    }

    /** A learning entry shared more widely. */
    record Amplification(int partition, long position, long knownAt, String learningId, Visibility visibility)
            implements Fact {
    }

    /** A learning entry retracted. */
    record Retraction(int partition, long position, long knownAt, String learningId) implements Fact {
    }

    /**
     * An experiment proposed; only experiments shared beyond their proposer are counted. Its proposer's themes go
     * with their words when they withdraw.
     */
    record Proposal(int partition, long position, long knownAt, String experimentId, Visibility visibility,
                    Where where, List<String> themes, long occurredAt, String proposerId) implements Fact {
    }

    /** An experiment shared more widely: a private one counted from then on. */
    record Sharing(int partition, long position, long knownAt, String experimentId, Visibility visibility)
            implements Fact {
    }

    /** An experiment started, adapted or concluded (then with its outcome and ending, which may be {@code null}). */
    record Step(int partition, long position, long knownAt, String experimentId, StepKind step, long occurredAt,
                Outcome outcome, Ending ending) implements Fact {
    }

    enum StepKind { STARTED, ADAPTED, CONCLUDED, ENDING_RECORDED }

    /**
     * Something an action learning set did that may be counted outside it (never what was said), where its actor
     * is; an action committed or done names the action ({@code actionId}: its set's id and its own, imported ids
     * being unique only within a set), a session held its session (its set's id and number); otherwise {@code null}.
     */
    record SetActivity(int partition, long position, long knownAt, Activity activity, Where where, int score,
                       long occurredAt, String actionId) implements Fact {
    }

    /** A problem was presented in {@code session} (its set's id and number): closed, it counts as held. */
    record Presentation(int partition, long position, long knownAt, String session) implements Fact {
    }

    /** A person withdrew consent: their words read {@code [withdrawn]} in every view, whenever it shows. */
    record Withdrawal(int partition, long position, long knownAt, String personId) implements Fact {
    }

    /** An event that changes nothing the history counts; it still moves the history's progress. */
    record Passed(int partition, long position, long knownAt) implements Fact {
    }
}
