package org.hls.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * Sends a command that creates an aggregate under an id from {@link Ids#newId()}.
 */
public final class Creating {

    private Creating() {
    }

    /**
     * Sends {@code command} and waits. Sent again with the {@code Idempotency-Key} of a first try that recorded it but
     * whose answer was lost, its aggregate exists already under the same id: created, as the first try would have said.
     */
    public static void send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException exists) {
            if (!Ids.retried()) {
                throw exists;
            }
        }
    }
}
