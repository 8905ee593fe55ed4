package org.hls.command.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Ids as this service issues them, and the check that a path id could be one.
 */
public final class Ids {

    /** What an id looks like: the UUIDs issued here, or similar names from other systems. */
    public static final String SHAPE = "[A-Za-z0-9-]{1,64}";
    /** What a person id (a token's {@code sub}) may look like here. */
    public static final String PERSON = "[A-Za-z0-9._@|:+-]{1,128}";
    /** The request attribute holding the seed of the ids of a command sent with an {@code Idempotency-Key}. */
    public static final String SEED = Ids.class.getName() + ".seed";
    /** The request attribute marking a try of a command whose earlier try may have recorded it under the same ids. */
    public static final String RETRY = Ids.class.getName() + ".retry";
    private static final String ISSUED = Ids.class.getName() + ".issued";
    private static final Pattern SHAPE_PATTERN = Pattern.compile(SHAPE);
    private static final Pattern PERSON_PATTERN = Pattern.compile(PERSON);

    private Ids() {
    }

    /**
     * A new id: random, or, for a command sent with an {@code Idempotency-Key}, the same on every try of it, derived
     * from the key's {@link #SEED}: a retry then finds what a first try whose answer was lost recorded, instead of
     * recording it again under new ids.
     */
    public static String newId() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object seed = request == null ? null : request.getAttribute(SEED, RequestAttributes.SCOPE_REQUEST);
        if (seed == null) {
            return UUID.randomUUID().toString();
        }
        int issued = request.getAttribute(ISSUED, RequestAttributes.SCOPE_REQUEST) instanceof Integer n ? n : 0;
        request.setAttribute(ISSUED, issued + 1, RequestAttributes.SCOPE_REQUEST);
        return UUID.nameUUIDFromBytes((seed + "#" + issued).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether this request tries again a command whose earlier try, under the same ids, may have recorded it. */
    public static boolean retried() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(RETRY, RequestAttributes.SCOPE_REQUEST) != null;
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
