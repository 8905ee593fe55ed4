package org.hls.query.security;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Small-number control, as NHS Digital and the ONS publish their statistics: every count, shown to anyone but the
 * members of the one team it counts, is held back when small and otherwise moved by a little noise and rounded to the
 * nearest {@code roundedTo}.
 * <p>
 * None reads "fewer than {@code fewerThan}" ({@code null}). A count in which every team has fewer than
 * {@code fewerThan} reads that too until one team's records are as many as the least of the thresholds (1 to
 * {@code fewerThan}) they each draw (never, with {@code roundedTo} below {@code fewerThan}), then {@code roundedTo}
 * or more: records added never hide it again, a view shows whenever a view within it does, and the moment it
 * appears does not say whether that team held one record or more.
 * Every other count is moved by noise and rounded. The noise is the ONS's cell key method, drawn for each team whose
 * records a figure counts from that team's records alone (the sum of their keys, keyed with a secret of the
 * deployment), up to half the rounding base either way, and summed: the same records always read the same figure,
 * one more moves it unpredictably, and records one team adds move only that team's part, so no one pads a figure
 * with records of their own to draw the rest of it again and again. Rounding stops differencing: two views that
 * differ by a suppressed count differ by a multiple of {@code roundedTo} or not at all. A mean or a median is of the
 * values of the teams that have joined it only (at {@code fewerThan} values or a few more, as drawn); a mean needs
 * {@value #MEAN_VALUES} of them and up to twice the noise's reach more behind it (beside the largest team's, when
 * several teams have joined) and is given to the nearest half; a median needs {@code fewerThan} and as many more,
 * alike; ratios are taken of the figures shown.
 * <p>
 * What happens in action learning sets is another audience's: a team's members read their team's learning as it is,
 * but a set's sessions, actions and scores only as the control shows them to anyone outside the set
 * ({@link #ofActionLearning}); else a window drawn around one session would give its scores away.
 *
 * @param keys   the deployment's secret for the noise; {@code null} only when every figure is shown as it is
 * @param ofSets the control of action learning's figures where it differs from this one's, else {@code null}
 */
public record SmallNumbers(int fewerThan, int roundedTo, @JsonIgnore CellKeys keys, @JsonIgnore SmallNumbers ofSets) {

    /** Every count as it is: where the deployment shows every figure as it is. */
    public static final SmallNumbers NONE = new SmallNumbers(1, 1, null);
    /** What a record's draw is for: a small team's threshold, the values a team joins a statistic at, enough. */
    private static final byte THRESHOLD = 1;
    private static final byte JOINING = 2;
    private static final byte ENOUGH = 3;
    /** How many values a mean needs behind it, at least, under control. */
    static final int MEAN_VALUES = 10;

    public SmallNumbers(int fewerThan, int roundedTo, CellKeys keys) {
        this(fewerThan, roundedTo, keys, null);
    }

    public SmallNumbers {
        if (fewerThan < 1 || roundedTo < 1) {
            throw new IllegalArgumentException("Small-number control needs a threshold and a rounding base of at "
                    + "least 1, not " + fewerThan + " and " + roundedTo);
        }
        if (fewerThan > Tally.EARLIEST + 1) {
            throw new IllegalArgumentException("Small-number control holds back counts below at most "
                    + (Tally.EARLIEST + 1) + ", not " + fewerThan);
        }
        if (keys == null && (fewerThan > 1 || roundedTo > 1)) {
            throw new IllegalArgumentException("Small-number control needs the deployment's secret for its noise");
        }
    }

    /**
     * The control that applies when {@code reader} reads a scope of {@code organisation} and {@code team} (either
     * {@code null} for any): none only for the reader's own team, but for its action learning. Every wider scope
     * holds teams the reader is not in, and its exact count, less what the reader counts exactly in their own team or
     * reads one by one, would give those teams' counts away.
     */
    public SmallNumbers toShow(Reader reader, String organisation, String team) {
        boolean ownTeam = team != null && team.equals(reader.actor().team())
                && Objects.equals(organisation, reader.actor().organisation());
        return !ownTeam || exact() ? this : new SmallNumbers(1, 1, null, this);
    }

    /** The control of action learning's figures: a set's audience is its members, not the team reading. */
    public SmallNumbers ofActionLearning() {
        return ofSets == null ? this : ofSets;
    }

    /**
     * What a set's actions done read beside those committed, both as shown: never more, which noise drawn for each
     * apart would now and then make them (and their follow-through more than all); held back with them.
     */
    public Long doneOf(Long done, Long committed) {
        return done == null || committed == null ? null : Long.valueOf(Math.min(done, committed));
    }

    /** Whether every figure is shown as it is. */
    public boolean exact() {
        return fewerThan == 1 && roundedTo == 1;
    }

    /**
     * {@code counted} as shown: none reads "fewer than" ({@code null}), and so does a count in which every team has
     * fewer than {@code fewerThan} until one team's records reach their threshold; every other count is moved by the
     * sum of its parts' noise and rounded to the nearest {@code roundedTo}, at least {@code roundedTo}. Each part is
     * the records of one team, and draws from its own records only: records one team adds, or a time chosen around
     * them, move that team's part and leave every other team's as it was.
     */
    public Long count(Tally counted) {
        long count = counted.count();
        if (exact()) {
            return count;
        }
        if (count == 0) {
            return null;
        }
        // Held back while every team in it has fewer than fewerThan and none has reached its threshold: whether a
        // figure shows never depends on the total, which one team's own records would move past fewerThan.
        boolean shown = false;
        for (int part = 0; part < counted.parts() && !shown; part++) {
            long inPart = counted.count(part);
            shown = inPart >= fewerThan || roundedTo >= fewerThan && inPart >= threshold(counted, part);
        }
        if (!shown) {
            return null;
        }
        long moved = 0;
        for (int part = 0; part < counted.parts(); part++) {
            moved += moved(counted, part);
        }
        return Math.max(roundedTo, Math.round(moved / (double) roundedTo) * roundedTo);
    }

    /**
     * The count a team's part of fewer than {@code fewerThan} records must reach to show: the least of the thresholds
     * (1 to {@code fewerThan}) its records each draw. A record's threshold is its own, whichever other records a view
     * holds, so a view shows whenever any view within it does (a week, a narrower time), and adding records never
     * hides a figure again.
     */
    private long threshold(Tally counted, int part) {
        long least = fewerThan;
        for (int record = 0; record < counted.count(part); record++) {
            least = Math.min(least, 1 + drawn(THRESHOLD, counted.earliest(part, record), fewerThan));
        }
        return least;
    }

    /** A count of records of one group, whose keys add up to {@code keys}, the earliest at {@code first}, as shown. */
    Long count(long counted, int keys, long first) {
        return count(Tally.of(counted, keys, first, 0));
    }

    /** A ratio of two shown counts: {@code null} when either reads "fewer than", 0 when there is nothing to divide. */
    public Double ratio(Long numerator, Long denominator) {
        if (numerator == null || denominator == null) {
            return null;
        }
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /**
     * The mean of the {@code values} (their sum over their count): 0 of none; under control, of the values of teams
     * that have joined it ({@link #joined(Tally, int)}) only, given to the nearest half, and {@code null} of too few.
     */
    public Double mean(Tally values) {
        boolean[] joined = joined(values);
        long total = 0;
        long count = 0;
        for (int part = 0; part < values.parts(); part++) {
            if (joined[part]) {
                total += values.sum(part);
                count += values.count(part);
            }
        }
        if (exact()) {
            return count == 0 ? 0.0 : (double) total / count;
        }
        return enough(values, joined, MEAN_VALUES) ? Math.round(total * 2.0 / count) / 2.0 : null;
    }

    /**
     * Whether a statistic of {@code values} (a median) may be shown, of the values of teams that have joined it only
     * ({@link #joined(Tally)}): of {@code fewerThan} values and up to twice the noise's reach more (beside the largest
     * team's), so that the moment it appears does not say how many it has.
     */
    public boolean shows(Tally values) {
        if (exact()) {
            return values.count() > 0;
        }
        return enough(values, joined(values), fewerThan);
    }

    /**
     * Which parts of {@code values} enter a statistic of them (a mean, a median), by part: under control, a team's
     * values once they are {@code fewerThan} and up to {@code fewerThan - 1} more, as the team's earliest draws. A few
     * values of a team neither move a statistic nor hide it, so neither tells they are there; and the moment a team
     * joins (which may hide a statistic, below) does not say how many it had before.
     */
    public boolean[] joined(Tally values) {
        boolean[] joined = new boolean[values.parts()];
        for (int part = 0; part < joined.length; part++) {
            joined[part] = exact()
                    || values.count(part) >= fewerThan + drawn(JOINING, values.first(part), fewerThan);
        }
        return joined;
    }

    /**
     * Whether a statistic of {@code values} has {@code needed} values behind it and up to twice the noise's reach
     * more, as the largest team's earliest value draws, counting only the {@code joined} teams: of one team, all its
     * values; of several, those beside the largest team's, so that no team adds values of its own to solve for the
     * others'. One team's values tell its own members nothing they cannot read as they are.
     */
    private boolean enough(Tally values, boolean[] joined, int needed) {
        int largest = -1;
        int teams = 0;
        long all = 0;
        for (int part = 0; part < values.parts(); part++) {
            if (joined[part]) {
                teams++;
                all += values.count(part);
                boolean larger = largest < 0 || values.count(part) > values.count(largest)
                        || values.count(part) == values.count(largest) && values.first(part) < values.first(largest);
                largest = larger ? part : largest;
            }
        }
        if (largest < 0) {
            return false;
        }
        long behind = teams == 1 ? all : all - values.count(largest);
        return behind >= needed + drawn(ENOUGH, values.first(largest), 2 * reach() + 1);
    }

    /** How far the noise moves a count either way: up to half the rounding base. */
    private int reach() {
        return (roundedTo - 1) / 2;
    }

    /**
     * A part's count moved by the noise its records draw, up to {@link #reach()} either way. A part below
     * {@code fewerThan} reads any of the values every such count could be moved to, each as likely whatever its count
     * (0 to 3 for counts of 1 and 2), so that learning a part's value, by padding the rest of its figure, does not
     * tell whether it holds one record or two.
     */
    private long moved(Tally counted, int part) {
        long count = counted.count(part);
        int reach = reach();
        int draw = keys.draw(count, counted.keys(part));
        long lowest = Math.max(0, fewerThan - 1 - reach);
        long highest = 1 + reach;
        if (count < fewerThan && lowest <= highest) {
            return lowest + Math.floorMod(draw, (int) (highest - lowest + 1));
        }
        return reach == 0 ? count : count + Math.floorMod(draw, 2 * reach + 1) - reach;
    }

    /** A number from 0 to below {@code bound} that the record at {@code position} draws for {@code purpose}. */
    private int drawn(byte purpose, long position, int bound) {
        return Math.floorMod(keys.drawFor(purpose, position), bound);
    }
}
