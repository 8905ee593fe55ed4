package org.hls.command.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as this service issues them, and the check that a path id could be one.
 */
public final class Ids {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** An id that cannot exist is simply unknown: 404, without ever reaching the event store. */
    public static String known(String id) {
        if (!SHAPE.matcher(id).matches()) {
            throw new UnknownIdException();
        }
        return id;
    }

    public static class UnknownIdException extends RuntimeException {

        public UnknownIdException() {
            super("No such id", null, false, false);
        }
    }
}
