package org.hls.events;

/**
 * An event this build does not know yet: a type it has no record for, or a newer version of one. A newer release
 * reads it, so a reader waits for that release instead of passing it over for good (during a rolling upgrade, an
 * older instance meets what a newer one has already stored).
 */
public class NewerEventException extends RuntimeException {

    public NewerEventException(String message) {
        super(message, null, false, false);
    }
}
