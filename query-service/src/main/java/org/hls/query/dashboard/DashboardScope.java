package org.hls.query.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;

/**
 * Whose work a set of dashboard counters covers: a place, an organisation, a team and a theme, each either one value
 * or any ({@code null}). Every event is counted in each scope it falls in, so that any combination of filters is read
 * from counters kept for exactly it, by key.
 */
record DashboardScope(String place, String organisation, String team, String theme) {

    static final DashboardScope EVERYTHING = new DashboardScope(null, null, null, null);

    /**
     * Every scope that counts the work of {@code actor} on {@code themes}: each of place, organisation and team as
     * theirs or any, with each theme or any.
     */
    static List<DashboardScope> reachedBy(Actor actor, List<String> themes) {
        List<String> anyOrEach = new ArrayList<>();
        anyOrEach.add(null);
        anyOrEach.addAll(themes);
        List<DashboardScope> scopes = new ArrayList<>();
        for (int mask = 0; mask < 8; mask++) {
            String place = (mask & 1) == 0 ? null : actor.place();
            String organisation = (mask & 2) == 0 ? null : actor.organisation();
            String team = (mask & 4) == 0 ? null : actor.team();
            if ((mask & 1) != 0 && place == null || (mask & 2) != 0 && organisation == null
                    || (mask & 4) != 0 && team == null) {
                continue;
            }
            for (String theme : anyOrEach) {
                scopes.add(new DashboardScope(place, organisation, team, theme));
            }
        }
        return scopes;
    }

    /** Whether it is the whole system, unfiltered by place, organisation, team or theme. */
    boolean isEverything() {
        return equals(EVERYTHING);
    }

    /**
     * Whether a dashboard of this scope may list learning shared with {@code visibility}: the whole system's with
     * everyone; an organisation's only where the organisation is fixed; a team's only where the team is too.
     */
    boolean mayList(Visibility visibility) {
        return switch (visibility) {
            case SYSTEM -> true;
            case ORGANISATION -> organisation != null;
            case TEAM -> organisation != null && team != null;
            case PRIVATE -> false;
        };
    }

    /** The scope as part of a document id: each part encoded, {@code *} for any. */
    String key() {
        return String.join("/", part(place), part(organisation), part(team), part(theme));
    }

    private static String part(String value) {
        return value == null ? "*" : encoded(value);
    }

    /** A value as part of a key or a field name: no dots, dollars, slashes, colons or stars, reversibly. */
    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }
}
