package org.hls.query.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hls.events.Visibility;
import org.hls.query.history.Scope;
import org.hls.query.history.TimeRange;
import org.hls.query.security.SmallNumbers;

/**
 * Which dashboard to show: the filters, each optional ({@code null}); the instant it is shown as known at
 * ({@code null} for now); and the narrowest visibility its list of recent learning may show ({@code SYSTEM} on the
 * whole-system dashboard, {@code ORGANISATION} on an organisation's, {@code TEAM} on a team's); and the small-number
 * control its counts are shown under.
 */
public record DashboardQuery(String place,
                             String organisation,
                             String team,
                             String theme,
                             TimeRange range,
                             Instant asOf,
                             Visibility listed,
                             SmallNumbers smallNumbers) {

    /** The whole-system dashboard, unfiltered, now. */
    public static final DashboardQuery SYSTEM = new DashboardQuery(null, null, null, null, TimeRange.ALWAYS, null,
            Visibility.SYSTEM, SmallNumbers.NONE);

    /** A dashboard of the present, over days (each inclusive, either open when {@code null}). */
    public static DashboardQuery days(String place, String organisation, String team, String theme, LocalDate from,
                                      LocalDate to, Visibility listed) {
        return new DashboardQuery(place, organisation, team, theme, TimeRange.days(from, to), null, listed,
                SmallNumbers.NONE);
    }

    /** The same dashboard as known at {@code instant}. */
    public DashboardQuery asOf(Instant instant) {
        return new DashboardQuery(place, organisation, team, theme, range, instant, listed, smallNumbers);
    }

    /** The same dashboard with its counts shown under {@code control}. */
    public DashboardQuery shownUnder(SmallNumbers control) {
        return new DashboardQuery(place, organisation, team, theme, range, asOf, listed, control);
    }

    Scope scope(long knownAt) {
        return new Scope(place, organisation, team, theme, range.fromMillis(), range.toMillis(), knownAt);
    }

    /** The filters that apply, by name, as the answer echoes them. */
    Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "place", place);
        put(filters, "organisation", organisation);
        put(filters, "team", team);
        put(filters, "theme", theme);
        put(filters, "from", range.fromText());
        put(filters, "to", range.toText());
        return filters;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null) {
            filters.put(name, value);
        }
    }
}
