package org.hls.query.history;

/**
 * Which facts a question is about: the work of a place, an organisation and a team (each {@code null} for any), on a
 * theme ({@code null} for any), that happened from {@code from} to {@code to} (epoch milliseconds, inclusive), as
 * known at {@code asOf} (epoch milliseconds): facts recorded later do not exist for it.
 */
public record Scope(String place, String organisation, String team, String theme, long from, long to, long asOf) {

    public static final long OPEN = Long.MIN_VALUE;
    public static final long NO_END = Long.MAX_VALUE;

    /** Everything known at {@code asOf}. */
    public static Scope everything(long asOf) {
        return new Scope(null, null, null, null, OPEN, NO_END, asOf);
    }

    boolean happened(long occurredAt) {
        return occurredAt >= from && occurredAt <= to;
    }

    boolean byWhere() {
        return place != null || organisation != null || team != null;
    }
}
