package org.hls.command;

import org.hls.web.WordedRefusal;

/**
 * A command the domain refuses. The {@link Refusal} says why, in a form the REST layer answers with a status; the
 * message code and its arguments say it in words a person can act on, in their language (messages.properties).
 */
public class CommandRefused extends WordedRefusal {

    private final Refusal refusal;
    private final String field;

    /** A refusal of the command as a whole, in the words of message {@code code}. */
    public CommandRefused(Refusal refusal, String code, Object... arguments) {
        this(refusal, null, code, arguments);
    }

    private CommandRefused(Refusal refusal, String field, String code, Object... arguments) {
        super(code, arguments);
        this.refusal = refusal;
        this.field = field;
    }

    /** A refusal of one field's value, which the answer names: a value the rules do not accept. */
    public static CommandRefused invalid(String field, String code, Object... arguments) {
        return new CommandRefused(Refusal.INVALID, field, code, arguments);
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
