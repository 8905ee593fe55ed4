package org.hls.command.cohort;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;

/**
 * A peer-learning cohort: formed by a facilitator; people enrol, then record what they tried as ordinary learning
 * tagged with the cohort.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
public class Cohort {

    @AggregateIdentifier
    private String cohortId;
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
        if (enrolled.contains(command.caller().personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.cohort.already-enrolled");
        }
        apply(new CohortMemberEnrolled(cohortId, command.caller().actor(), command.occurredAt()));
    }

    void requireEnrolled(String personId) {
        if (!enrolled.contains(personId)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.cohort.enrol-first");
        }
    }

    @EventSourcingHandler
    void on(CohortFormed event) {
        cohortId = event.cohortId();
    }

    @EventSourcingHandler
    void on(CohortMemberEnrolled event) {
        enrolled.add(event.actor().personId());
    }
}
