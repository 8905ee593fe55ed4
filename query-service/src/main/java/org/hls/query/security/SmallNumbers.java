package org.hls.query.security;

import java.util.Objects;

/**
 * Small-number control, as NHS Digital publishes its statistics: every count, shown to anyone but the members of
 * the one team it counts, reads "fewer than {@code fewerThan}" ({@code null}) from none up to below it, and every
 * other such count is rounded to the nearest {@code roundedTo}. Rounding is what stops differencing: two views (two filters, two days, two
 * {@code asOf} instants) that differ by a suppressed count differ by a multiple of {@code roundedTo} or not at all, so
 * subtracting them gives a figure that fits several suppressed counts, never the one. Zero reads "fewer than" too: an
 * empty window then looks like one holding an entry, so narrowing a window step by step finds no entry's moment.
 * Means and medians need {@code fewerThan} values behind them; ratios are taken of the figures shown.
 */
public record SmallNumbers(int fewerThan, int roundedTo) {

    /** Every count as it is: for a team its own members read. */
    public static final SmallNumbers NONE = new SmallNumbers(1, 1);

    public SmallNumbers {
        if (fewerThan < 1 || roundedTo < 1) {
            throw new IllegalArgumentException("Small-number control needs a threshold and a rounding base of at "
                    + "least 1, not " + fewerThan + " and " + roundedTo);
        }
    }

    /**
     * The control that applies when {@code reader} reads a scope of {@code organisation} and {@code team} (either
     * {@code null} for any): none only for the reader's own team. Every wider scope holds teams the reader is not in,
     * and its exact count, less what the reader counts exactly in their own team or reads one by one, would give
     * those teams' counts away.
     */
    public SmallNumbers toShow(Reader reader, String organisation, String team) {
        boolean ownTeam = team != null && team.equals(reader.actor().team())
                && Objects.equals(organisation, reader.actor().organisation());
        return ownTeam ? NONE : this;
    }

    /** Whether every figure is shown as it is. */
    public boolean exact() {
        return equals(NONE);
    }

    /** A count as shown: {@code null} for "fewer than" (none included), otherwise rounded. */
    public Long count(long counted) {
        if (exact()) {
            return counted;
        }
        if (counted < fewerThan) {
            return null;
        }
        return Math.max(roundedTo, Math.round(counted / (double) roundedTo) * roundedTo);
    }

    /** A ratio of two shown counts: {@code null} when either reads "fewer than", 0 when there is nothing to divide. */
    public Double ratio(Long numerator, Long denominator) {
        if (numerator == null || denominator == null) {
            return null;
        }
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /** The mean of {@code values} values adding up to {@code total}: 0 of none, {@code null} of too few to show. */
    public Double mean(long total, long values) {
        if (exact()) {
            return values == 0 ? 0.0 : (double) total / values;
        }
        return values < fewerThan ? null : Math.round(total * 10.0 / values) / 10.0;
    }

    /** Whether a statistic of {@code values} people's doings (a median) may be shown. */
    public boolean shows(int values) {
        return values > 0 && values >= fewerThan;
    }
}
