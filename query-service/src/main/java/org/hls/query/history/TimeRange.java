package org.hls.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time a question is about, from and to, each inclusive and each either a day (UTC) or an instant, or open.
 *
 * @param fromText {@code from} as it was asked for, to echo it
 * @param toText   {@code to} as it was asked for, to echo it
 */
public record TimeRange(Instant from, Instant to, String fromText, String toText) {

    public static final TimeRange ALWAYS = new TimeRange(null, null, null, null);

    /** From the start of day {@code from} to the end of day {@code to}, either open when {@code null}. */
    public static TimeRange days(LocalDate from, LocalDate to) {
        return new TimeRange(from == null ? null : startOf(from), to == null ? null : startOf(to.plusDays(1))
                .minusMillis(1), from == null ? null : from.toString(), to == null ? null : to.toString());
    }

    public long fromMillis() {
        return from == null ? Scope.OPEN : from.toEpochMilli();
    }

    public long toMillis() {
        return to == null ? Scope.NO_END : to.toEpochMilli();
    }

    /** The first day it covers, or {@code null} when open. */
    public LocalDate firstDay() {
        return from == null ? null : LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    /** The last day it covers, or {@code null} when open. */
    public LocalDate lastDay() {
        return to == null ? null : LocalDate.ofInstant(to, ZoneOffset.UTC);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
