package org.hls.query.dashboard;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hls.events.Visibility;

/**
 * Which dashboard to show: the filters, each optional ({@code null}), and the narrowest visibility its list of recent
 * learning may show ({@code SYSTEM} on the whole-system dashboard, {@code ORGANISATION} on an organisation's,
 * {@code TEAM} on a team's).
 *
 * @param from the first day counted (UTC), or {@code null} for since the beginning
 * @param to   the last day counted (UTC), or {@code null} for up to today
 */
public record DashboardQuery(String place,
                             String organisation,
                             String team,
                             String theme,
                             LocalDate from,
                             LocalDate to,
                             Visibility listed) {

    /** The whole-system dashboard, unfiltered. */
    public static final DashboardQuery SYSTEM = new DashboardQuery(null, null, null, null, null, null,
            Visibility.SYSTEM);

    DashboardScope scope() {
        return new DashboardScope(place, organisation, team, theme);
    }

    /** The filters that apply, by name, as the answer echoes them. */
    Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "place", place);
        put(filters, "organisation", organisation);
        put(filters, "team", team);
        put(filters, "theme", theme);
        put(filters, "from", from == null ? null : from.toString());
        put(filters, "to", to == null ? null : to.toString());
        return filters;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null) {
            filters.put(name, value);
        }
    }
}
