package org.hls.query.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hls.query.dashboard.Dashboard.ThemeCount;
import org.hls.query.security.SmallNumbers;

/**
 * How practice changed over time: per bucket (week or month), what happened in it, as known at {@code asOf}, within
 * the filters.
 *
 * @param filters      the filters that apply, by name
 * @param smallNumbers the small-number control its counts are shown under ({@code null} when exact): a count that is
 *                     {@code null} reads "fewer than" its threshold, and so do medians of fewer values
 * @param buckets      oldest first, from the first asked for (or the first with anything in it) to the last
 */
public record PracticeChange(Instant asOf, String bucket, Map<String, String> filters, SmallNumbers smallNumbers,
                             List<Period> buckets) {

    /**
     * One bucket: learning per kind, perspective and theme; experiments proposed, started, adapted and concluded, with
     * their outcomes and how their planned endings went; the median days from an experiment's start to its first
     * disappointment and to its conclusion ({@code null} when none); and action learning's follow-through.
     *
     * @param from the bucket's first day, or the first day asked for when that is later
     * @param to   its last day, or the last day asked for (or of the instant it is read as of) when that is earlier
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

    public record Experiments(Long proposed, Long started, Long adapted, Long concluded) {
    }

    /** @param smallNumbers the control these figures are shown under, {@code null} when exact (as a dashboard's) */
    public record ActionLearning(Long sessionsHeld, Long actionsCommitted, Long actionsDone,
                                 Double followThroughRate, SmallNumbers smallNumbers) {
    }
}
