package org.hls.command.web;

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
     * Whether this request is a retry, with the {@code Idempotency-Key} of a first try that recorded {@code aggregateId}
     * but whose answer was lost: then it is answered as created, as the first try would have been, and neither its
     * request's checks nor its rules are asked again. What they look at may have changed since (the cohort it was
     * recorded in ended, the day it was noted is now too long ago), and the retry would be refused for what was
     * recorded.
     */
    public boolean recorded(String aggregateId) {
        return Ids.retried() && events.holds(aggregateId);
    }

    /** Sends {@code command}, which creates {@code aggregateId}, and waits; a retry of a recorded one sends nothing. */
    public void send(String aggregateId, Object command) {
        if (recorded(aggregateId)) {
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
