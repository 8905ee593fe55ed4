package org.hls.command.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The store took a commit and its answer was lost, and the store could not be asked whether it holds it: the
 * command may or may not be recorded, and its caller must be told exactly that.
 */
public class UnconfirmedCommitException extends EventStoreException {

    public UnconfirmedCommitException(Throwable cause) {
        super("The event store did not confirm the commit and cannot be asked now: it may or may not be stored",
                cause);
    }
}
