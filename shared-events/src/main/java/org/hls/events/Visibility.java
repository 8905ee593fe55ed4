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

    /**
     * Whether {@code reader} may read what {@code author} shared with this visibility: themselves; their team; their
     * organisation; or the whole system, which is everyone on this platform (one platform serves one place's system).
     */
    public boolean admits(Actor author, Actor reader) {
        boolean self = author.personId().equals(reader.personId());
        boolean sameOrganisation = author.organisation() != null
                && author.organisation().equals(reader.organisation());
        return switch (this) {
            case PRIVATE -> self;
            case TEAM -> self || sameOrganisation && author.team() != null && author.team().equals(reader.team());
            case ORGANISATION -> self || sameOrganisation;
            case SYSTEM -> true;
        };
    }

    public boolean isWiderThan(Visibility other) {
        return compareTo(other) > 0;
    }
}
