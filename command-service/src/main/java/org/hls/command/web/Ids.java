package org.hls.command.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as this service issues them, and the check that a path id could be one.
 */
public final class Ids {

    /** What an id looks like: the UUIDs issued here, or similar names from other systems. */
    public static final String SHAPE = "[A-Za-z0-9-]{1,64}";
    /** What a person id (a token's {@code sub}) may look like here. */
    public static final String PERSON = "[A-Za-z0-9._@|:+-]{1,128}";
    private static final Pattern SHAPE_PATTERN = Pattern.compile(SHAPE);
    private static final Pattern PERSON_PATTERN = Pattern.compile(PERSON);

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** An id that cannot exist is simply unknown: 404, without ever reaching the event store. */
    public static String known(String id) {
        if (!SHAPE_PATTERN.matcher(id).matches()) {
            throw new UnknownIdException();
        }
        return id;
    }

    /** A person id that cannot exist is simply unknown: 404. */
    public static String knownPerson(String personId) {
        if (!PERSON_PATTERN.matcher(personId).matches()) {
            throw new UnknownIdException();
        }
        return personId;
    }

    public static class UnknownIdException extends RuntimeException {

        public UnknownIdException() {
            super("No such id", null, false, false);
        }
    }
}
