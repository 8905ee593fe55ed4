package org.hls.command.cohort;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Role;
import org.hls.command.Themes;
import org.hls.events.cohort.CohortEnded;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.cohort.CohortMemberLeft;

/**
 * A peer-learning cohort: formed by a facilitator; people enrol, then record what they tried as ordinary learning
 * tagged with the cohort, and may leave. The facilitator who formed it ends it once its course is done: then nobody
 * enrols or records learning in it, but what its members noted before, waiting on a device without a connection.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
// Revision 3 knows when it ended, not only whether: a snapshot of another revision is not read into it.
@Revision("3")
public class Cohort {

    @AggregateIdentifier
    private String cohortId;
    private String formedBy;
    /** When it ended; null while it runs. */
    private Instant endedAt;
    private final Set<String> enrolled = new HashSet<>();

    protected Cohort() {
    }

    @CommandHandler
    public Cohort(FormCohort command) {
        if (!command.caller().has(Role.FACILITATOR)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.cohort.facilitator-forms");
        }
        apply(new CohortFormed(command.cohortId(), command.name(), Themes.normalise(command.themes()),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(EnrolInCohort command) {
        requireRunning();
        if (enrolled.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.cohort.already-enrolled");
        }
        apply(new CohortMemberEnrolled(cohortId, command.caller().actor(), command.occurredAt()));
    }

    /** A member may leave whenever they choose, an ended cohort too (they read it no more). */
    @CommandHandler
    public void handle(LeaveCohort command) {
        if (!enrolled.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.cohort.not-enrolled");
        }
        apply(new CohortMemberLeft(cohortId, command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(EndCohort command) {
        if (!command.caller().is(formedBy)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.cohort.former-ends");
        }
        requireRunning();
        apply(new CohortEnded(cohortId, command.caller().actor(), command.occurredAt()));
    }

    /**
     * Refuses learning noted at {@code notedAt} by {@code personId} unless they are enrolled and it was noted before it
     * ended: an entry that waited on a device without a connection while the facilitator ended it is still recorded.
     */
    void requireEnrolled(String personId, Instant notedAt) {
        if (endedAt != null && !notedAt.isBefore(endedAt)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.cohort.ended");
        }
        if (!enrolled.contains(personId)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.cohort.enrol-first");
        }
    }

    private void requireRunning() {
        if (endedAt != null) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.cohort.ended");
        }
    }

    @EventSourcingHandler
    void on(CohortFormed event) {
        cohortId = event.cohortId();
        formedBy = event.actor().personId();
    }

    @EventSourcingHandler
    void on(CohortMemberEnrolled event) {
        enrolled.add(event.actor().personId());
    }

    @EventSourcingHandler
    void on(CohortMemberLeft event) {
        enrolled.remove(event.actor().personId());
    }

    @EventSourcingHandler
    void on(CohortEnded event) {
        endedAt = event.occurredAt();
    }
}
