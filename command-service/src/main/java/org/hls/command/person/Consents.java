package org.hls.command.person;

/**
 * What other features may ask about a person's consent when they decide.
 */
public interface Consents {

    /** Whether {@code personId} has withdrawn their consent: words of theirs would now be stored unreadable. */
    boolean withdrawn(String personId);
}
