package org.hls.command;

/**
 * A command the domain refuses. The {@link Refusal} says why, in a form the REST layer answers with a status; the
 * message says it in words a person can act on.
 */
public class CommandRefused extends RuntimeException {

    private final Refusal refusal;

    public CommandRefused(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public enum Refusal {
        /** The command conflicts with the current state (409). */
        CONFLICT,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** Something the command refers to does not exist (404). */
        NOT_FOUND
    }
}
