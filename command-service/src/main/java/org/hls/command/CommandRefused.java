package org.hls.command;

/**
 * A command the domain refuses. The {@link Refusal} says why, in a form the REST layer answers with a status; the
 * message says it in words a person can act on.
 */
public class CommandRefused extends RuntimeException {

    private final Refusal refusal;
    private final String field;

    public CommandRefused(Refusal refusal, String message) {
        this(refusal, null, message);
    }

    /** A refusal of one field's value, which the answer names. */
    public CommandRefused(Refusal refusal, String field, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
        this.field = field;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The request field refused, or {@code null} when the command as a whole is. */
    public String field() {
        return field;
    }

    public enum Refusal {
        /** A value the rules do not accept, though well-formed (400). */
        INVALID,
        /** The command conflicts with the current state (409). */
        CONFLICT,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** Something the command refers to does not exist (404). */
        NOT_FOUND
    }
}
