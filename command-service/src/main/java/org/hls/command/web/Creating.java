package org.hls.command.web;

import java.util.function.Supplier;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.hls.command.eventstore.MongoEventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * Sends a command that creates an aggregate under an id from {@link Ids#newId()}.
 */
@Component
public final class Creating {

    private final CommandGateway commands;
    private final MongoEventStorageEngine events;

    Creating(CommandGateway commands, MongoEventStorageEngine events) {
        this.commands = commands;
        this.events = events;
    }

    /**
     * Sends the command {@code command} builds, which creates {@code aggregateId}, and waits. A retry with the
     * {@code Idempotency-Key} of a first try that recorded {@code aggregateId} but whose answer was lost builds and
     * sends nothing: it is answered as created, as the first try would have been, and neither the request's checks (in
     * {@code command}) nor the aggregate's rules are asked again. What they look at may have changed since (the cohort
     * it was recorded in ended, its author withdrew), and the retry would be refused for what was recorded.
     */
    public void send(String aggregateId, Supplier<?> command) {
        if (Ids.retried() && events.holds(aggregateId)) {
            return;
        }
        try {
            commands.sendAndWait(command.get());
        } catch (AggregateStreamCreationException exists) {
            if (!Ids.retried()) {
                throw exists;
            }
        }
    }

    /** As {@link #send(String, Supplier)}, for a command built before. */
    public void send(String aggregateId, Object command) {
        send(aggregateId, () -> command);
    }
}
