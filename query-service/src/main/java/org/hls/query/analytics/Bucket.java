package org.hls.query.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a series is cut: ISO weeks (Monday to Sunday, UTC) or calendar months.
 */
public enum Bucket {
    WEEK,
    MONTH;

    /** The bucket called {@code name} ({@code week} or {@code month}), or {@code null}. */
    static Bucket named(String name) {
        return Arrays.stream(values()).filter(bucket -> bucket.label().equals(name)).findFirst().orElse(null);
    }

    static String valid() {
        return Arrays.stream(values()).map(Bucket::label).collect(Collectors.joining(", "));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the bucket {@code day} falls in. */
    LocalDate start(LocalDate day) {
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    LocalDate next(LocalDate start) {
        return this == WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }

    /** The bucket starting {@code start}, as {@code 2026-W48} or {@code 2026-11}. */
    String name(LocalDate start) {
        return this == WEEK
                ? String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                : start.toString().substring(0, 7);
    }
}
