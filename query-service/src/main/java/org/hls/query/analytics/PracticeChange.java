package org.hls.query.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hls.query.dashboard.Dashboard.ThemeCount;

/**
 * How practice changed over time: per bucket (week or month), what happened in it, as known at {@code asOf}, within
 * the filters.
 *
 * @param filters the filters that apply, by name
 * @param buckets oldest first, from the first asked for (or the first with anything in it) to the last
 */
public record PracticeChange(Instant asOf, String bucket, Map<String, String> filters, List<Period> buckets) {

    /**
     * One bucket: learning per kind, perspective and theme; experiments proposed, started, adapted and concluded, with
     * their outcomes and how their planned endings went; the median days from an experiment's start to its first
     * disappointment and to its conclusion ({@code null} when none); and action learning's follow-through.
     *
     * @param from the bucket's first day
     * @param to   its last day
     */
    public record Period(String bucket,
                         LocalDate from,
                         LocalDate to,
                         Map<String, Long> learning,
                         Map<String, Long> perspectives,
                         List<ThemeCount> themes,
                         Experiments experiments,
                         Map<String, Long> outcomes,
                         Map<String, Long> endings,
                         Double medianDaysToFirstDisappointment,
                         Double medianDaysToConclusion,
                         ActionLearning actionLearning) {
    }

    public record Experiments(long proposed, long started, long adapted, long concluded) {
    }

    public record ActionLearning(long sessionsHeld, long actionsCommitted, long actionsDone,
                                 double followThroughRate) {
    }
}
