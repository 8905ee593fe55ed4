package org.hls.query.history;

/**
 * A saved checkpoint that cannot be read back whole (a segment lost, a segment damaged): the history is built again
 * instead, as on a first start.
 */
final class CheckpointUnreadable extends IllegalStateException {

    CheckpointUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
