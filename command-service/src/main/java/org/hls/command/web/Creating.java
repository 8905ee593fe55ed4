package org.hls.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

/**
 * Sends a command that creates an aggregate under an id from {@link Ids#newId()}.
 */
@Component
public final class Creating {

    private final CommandGateway commands;
    private final EventStorageEngine events;

    Creating(CommandGateway commands, EventStorageEngine events) {
        this.commands = commands;
        this.events = events;
    }

    /**
     * Sends {@code command}, which creates {@code aggregateId}, and waits. Sent again with the {@code Idempotency-Key}
     * of a first try that recorded it but whose answer was lost, its aggregate exists already under the same id:
     * created, as the first try would have said. Its rules are not asked again then: what they look at may have changed
     * since (the cohort it was recorded in ended, the person left it), and the retry would be refused for what was
     * recorded.
     */
    public void send(String aggregateId, Object command) {
        if (Ids.retried() && events.lastSequenceNumberFor(aggregateId).isPresent()) {
            return;
        }
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException exists) {
            if (!Ids.retried()) {
                throw exists;
            }
        }
    }
}
