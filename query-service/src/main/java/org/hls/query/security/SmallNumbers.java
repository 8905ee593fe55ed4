package org.hls.query.security;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Small-number control, as NHS Digital and the ONS publish their statistics: every count, shown to anyone but the
 * members of the one team it counts, is held back when small and otherwise moved by a little noise and rounded to the
 * nearest {@code roundedTo}.
 * <p>
 * None reads "fewer than {@code fewerThan}" ({@code null}). A count below {@code fewerThan} reads that too until it
 * reaches a threshold from 1 to {@code fewerThan} that its earliest record draws, then {@code roundedTo}: records
 * added later never hide it again, and the moment it appears does not say whether it held one record or more. Every
 * other count is moved by up to half the rounding base either way, as its records draw, and rounded. The noise is the
 * ONS's cell key method: drawn from the records a figure counts (the sum of their keys, and the earliest of them,
 * keyed with a secret of the deployment), so the same records always read the same figure while one more moves it
 * unpredictably. Rounding stops differencing: two views that differ by a suppressed count differ by a multiple of
 * {@code roundedTo} or not at all. A mean needs {@value #MEAN_VALUES} values or more behind it (as many more as the
 * noise reaches, as its records draw) and is given to the nearest half; a median needs {@code fewerThan} values and
 * up to twice the noise's reach more; ratios are taken of the figures shown.
 *
 * @param keys the deployment's secret for the noise; {@code null} only when every figure is shown as it is
 */
public record SmallNumbers(int fewerThan, int roundedTo, @JsonIgnore CellKeys keys) {

    /** Every count as it is: for a team its own members read. */
    public static final SmallNumbers NONE = new SmallNumbers(1, 1, null);
    /** How many values a mean needs behind it, at least, under control. */
    static final int MEAN_VALUES = 10;

    public SmallNumbers {
        if (fewerThan < 1 || roundedTo < 1) {
            throw new IllegalArgumentException("Small-number control needs a threshold and a rounding base of at "
                    + "least 1, not " + fewerThan + " and " + roundedTo);
        }
        if (keys == null && (fewerThan > 1 || roundedTo > 1)) {
            throw new IllegalArgumentException("Small-number control needs the deployment's secret for its noise");
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
        return fewerThan == 1 && roundedTo == 1;
    }

    /** {@code counted} as shown: {@code null} for "fewer than", otherwise moved by its noise and rounded. */
    public Long count(Tally counted) {
        return count(counted.count(), counted.keys(), counted.first());
    }

    /**
     * A count of records whose keys add up to {@code keys}, the earliest at {@code first}, as shown: none reads
     * "fewer than" ({@code null}); a count below {@code fewerThan} does too until it reaches the threshold its
     * earliest record draws, then reads {@code roundedTo}; every other count is moved by its noise and rounded to the
     * nearest {@code roundedTo}, at least {@code roundedTo}.
     */
    public Long count(long counted, int keys, long first) {
        if (exact()) {
            return counted;
        }
        if (counted == 0) {
            return null;
        }
        if (counted < fewerThan) {
            boolean shown = roundedTo >= fewerThan && counted >= 1 + drawn(first, fewerThan);
            return shown ? (long) roundedTo : null;
        }
        long moved = counted + noise(counted, keys);
        return Math.max(roundedTo, Math.round(moved / (double) roundedTo) * roundedTo);
    }

    /** A ratio of two shown counts: {@code null} when either reads "fewer than", 0 when there is nothing to divide. */
    public Double ratio(Long numerator, Long denominator) {
        if (numerator == null || denominator == null) {
            return null;
        }
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /** The mean of the {@code values} adding up to {@code total}: 0 of none, {@code null} of too few to show. */
    public Double mean(long total, Tally values) {
        long count = values.count();
        if (exact()) {
            return count == 0 ? 0.0 : (double) total / count;
        }
        boolean enough = count >= MEAN_VALUES + drawn(values.first(), 2 * reach() + 1);
        return enough ? Math.round(total * 2.0 / count) / 2.0 : null;
    }

    /**
     * Whether a statistic of {@code values} (a median) may be shown: of at least {@code fewerThan} values, and of up
     * to twice the noise's reach more as its earliest record draws, so that the moment it appears does not say how
     * many values it has.
     */
    public boolean shows(Tally values) {
        long count = values.count();
        if (exact()) {
            return count > 0;
        }
        return count >= fewerThan + drawn(values.first(), 2 * reach() + 1);
    }

    /** How far the noise moves a count either way: up to half the rounding base. */
    private int reach() {
        return (roundedTo - 1) / 2;
    }

    private int noise(long counted, int records) {
        int reach = reach();
        return reach == 0 ? 0 : Math.floorMod(keys.draw(counted, records), 2 * reach + 1) - reach;
    }

    /** A number from 0 to below {@code bound} that the figure's earliest record draws. */
    private int drawn(long first, int bound) {
        return Math.floorMod(keys.drawFor(first), bound);
    }
}
