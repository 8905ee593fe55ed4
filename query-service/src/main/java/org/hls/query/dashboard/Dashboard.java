package org.hls.query.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dashboard: numbers over learning shared beyond its author, and the latest learning its readers may all read.
 * The whole system's, an organisation's and a team's have this same shape.
 *
 * @param filters what it is narrowed to, by filter name (empty when not at all)
 * @param weeks   learning per ISO week: the last 12 up to today, or the weeks of the asked days (at most 53)
 */
public record Dashboard(Instant asOf,
                        Map<String, String> filters,
                        Totals totals,
                        Map<String, Long> outcomes,
                        Map<String, Long> perspectives,
                        List<ThemeCount> themes,
                        List<WeekCount> weeks,
                        ActionLearning actionLearning,
                        List<RecentLearning> recent) {

    /** Whether it shows what {@code other} shows, whenever each was read. */
    public boolean sameAs(Dashboard other) {
        return new Dashboard(null, filters, totals, outcomes, perspectives, themes, weeks, actionLearning, recent)
                .equals(new Dashboard(null, other.filters, other.totals, other.outcomes, other.perspectives,
                        other.themes, other.weeks, other.actionLearning, other.recent));
    }

    public record Totals(long experimentsProposed,
                         long experimentsActive,
                         long experimentsConcluded,
                         long breakthroughs,
                         long disappointments,
                         long reflections) {
    }

    public record ThemeCount(String theme, long count) {
    }

    /** Learning recorded in one ISO week (such as {@code 2026-W48}), by kind, counted as the totals are. */
    public record WeekCount(String week, long breakthroughs, long disappointments, long reflections) {
    }

    public record ActionLearning(long sessionsHeld,
                                 long actionsCommitted,
                                 long actionsDone,
                                 double followThroughRate,
                                 double averageEvaluation) {
    }

    public record RecentLearning(String id, String kind, String summary, Instant at) {
    }
}
