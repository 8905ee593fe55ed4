package org.hls.command.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Role;
import org.hls.events.person.ConsentWithdrawn;

/**
 * A person's consent to their personal content being read, withdrawn by them or by an administrator of their
 * organisation. Once withdrawn, it stays withdrawn: a second withdrawal records nothing more.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
public class PersonConsent {

    @AggregateIdentifier
    private String personId;
    private boolean withdrawn;

    protected PersonConsent() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawConsent command) {
        boolean administratorOfTheirOrganisation = command.caller().has(Role.ADMIN)
                && command.personOrganisation() != null
                && command.personOrganisation().equals(command.caller().actor().organisation());
        if (!command.caller().is(command.personId()) && !administratorOfTheirOrganisation) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.consent.who");
        }
        if (!withdrawn) {
            apply(new ConsentWithdrawn(command.personId(), command.reason(), command.caller().actor(),
                    command.occurredAt()));
        }
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        personId = event.personId();
        withdrawn = true;
    }
}
