package org.hls.events;

/**
 * Who may read a piece of learning, from narrowest to widest.
 */
public enum Visibility {
    PRIVATE,
    TEAM,
    ORGANISATION,
    SYSTEM;

    /** Whether this visibility reaches beyond its author: only such learning is counted on shared dashboards. */
    public boolean isShared() {
        return this != PRIVATE;
    }

    public boolean isWiderThan(Visibility other) {
        return compareTo(other) > 0;
    }
}
