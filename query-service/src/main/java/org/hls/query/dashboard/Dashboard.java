package org.hls.query.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hls.query.security.SmallNumbers;

/**
 * A dashboard: numbers over learning shared beyond its author, and the latest learning its readers may all read.
 * The whole system's, an organisation's and a team's have this same shape.
 *
 * @param filters      what it is narrowed to, by filter name (empty when not at all)
 * @param smallNumbers the small-number control its counts are shown under ({@code null} when exact): a count that is
 *                     {@code null} reads "fewer than" its threshold
 * @param weeks        learning per ISO week: the last 12 up to today, or the weeks of the asked days (at most 53)
 */
public record Dashboard(Instant asOf,
                        Map<String, String> filters,
                        SmallNumbers smallNumbers,
                        Totals totals,
                        Map<String, Long> outcomes,
                        Map<String, Long> perspectives,
                        List<ThemeCount> themes,
                        List<WeekCount> weeks,
                        ActionLearning actionLearning,
                        List<RecentLearning> recent) {

    /** Whether it shows what {@code other} shows, whenever each was read. */
    public boolean sameAs(Dashboard other) {
        return new Dashboard(null, filters, smallNumbers, totals, outcomes, perspectives, themes, weeks, actionLearning,
                recent).equals(new Dashboard(null, other.filters, other.smallNumbers, other.totals, other.outcomes,
                other.perspectives, other.themes, other.weeks, other.actionLearning, other.recent));
    }

    /** Counts; under small-number control {@code null} reads "fewer than" its threshold. */
    public record Totals(Long experimentsProposed,
                         Long experimentsActive,
                         Long experimentsConcluded,
                         Long breakthroughs,
                         Long disappointments,
                         Long reflections) {
    }

    public record ThemeCount(String theme, Long count) {
    }

    /**
     * Learning recorded in one ISO week (such as {@code 2026-W48}), by kind, counted as the totals are.
     *
     * @param from the week's Monday, or the first day asked for when that is later
     * @param to   its Sunday, or the last day asked for (or of the instant it is read as of) when that is earlier
     */
    public record WeekCount(String week, LocalDate from, LocalDate to, Long breakthroughs, Long disappointments,
                            Long reflections) {
    }

    /**
     * @param smallNumbers the control these figures are shown under, {@code null} when exact: on a team's own
     *                     dashboard, whose other figures are exact, a set's are still another audience's
     */
    public record ActionLearning(Long sessionsHeld,
                                 Long actionsCommitted,
                                 Long actionsDone,
                                 Double followThroughRate,
                                 Double averageEvaluation,
                                 SmallNumbers smallNumbers) {
    }

    public record RecentLearning(String id, String kind, String summary, Instant at) {
    }
}
