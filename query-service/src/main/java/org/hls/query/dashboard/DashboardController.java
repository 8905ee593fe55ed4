package org.hls.query.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import org.hls.events.Visibility;
import org.hls.query.security.Reader;
import org.hls.query.web.InvalidParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The whole-system dashboard for everyone on the platform; an organisation's for its members; a team's for its
 * members. Each takes the filters {@code place}, {@code organisation}, {@code team}, {@code theme}, {@code from} and
 * {@code to} (days, inclusive), in any combination, and has a live stream.
 */
@RestController
@RequestMapping("/api/dashboards")
class DashboardController {

    static final int MAX_FILTER_LENGTH = 100;

    private final Dashboards dashboards;
    private final DashboardStream stream;

    DashboardController(Dashboards dashboards, DashboardStream stream) {
        this.dashboards = dashboards;
        this.stream = stream;
    }

    @GetMapping("/system")
    Dashboard system(@RequestParam Map<String, String> filters) {
        return dashboards.dashboard(query(filters, null, null, Visibility.SYSTEM));
    }

    @GetMapping(path = "/system/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter systemStream(@RequestParam Map<String, String> filters,
                            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream.subscribe(query(filters, null, null, Visibility.SYSTEM), lastEventId);
    }

    @GetMapping("/organisations/{organisation}")
    Dashboard organisation(@PathVariable String organisation, @RequestParam Map<String, String> filters,
                           Reader reader) {
        return dashboards.dashboard(organisationQuery(organisation, filters, reader));
    }

    @GetMapping(path = "/organisations/{organisation}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter organisationStream(@PathVariable String organisation, @RequestParam Map<String, String> filters,
                                  @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                  Reader reader) {
        return stream.subscribe(organisationQuery(organisation, filters, reader), lastEventId);
    }

    @GetMapping("/organisations/{organisation}/teams/{team}")
    Dashboard team(@PathVariable String organisation, @PathVariable String team,
                   @RequestParam Map<String, String> filters, Reader reader) {
        return dashboards.dashboard(teamQuery(organisation, team, filters, reader));
    }

    @GetMapping(path = "/organisations/{organisation}/teams/{team}/stream",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter teamStream(@PathVariable String organisation, @PathVariable String team,
                          @RequestParam Map<String, String> filters,
                          @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                          Reader reader) {
        return stream.subscribe(teamQuery(organisation, team, filters, reader), lastEventId);
    }

    /** An organisation's dashboard: its members may read the learning it shares within it. */
    private static DashboardQuery organisationQuery(String organisation, Map<String, String> filters, Reader reader) {
        if (!organisation.equals(reader.actor().organisation())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Only the members of this organisation may read its dashboard.");
        }
        return query(filters, organisation, null, Visibility.ORGANISATION);
    }

    /** A team's dashboard: its members may read the learning it shares within the team. */
    private static DashboardQuery teamQuery(String organisation, String team, Map<String, String> filters,
                                            Reader reader) {
        if (!organisation.equals(reader.actor().organisation()) || !team.equals(reader.actor().team())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the members of this team may read its "
                    + "dashboard.");
        }
        return query(filters, organisation, team, Visibility.TEAM);
    }

    /**
     * The query the filters ask for, within the organisation and team of the path when given (then the filters may
     * not name others).
     */
    private static DashboardQuery query(Map<String, String> filters, String organisation, String team,
                                        Visibility listed) {
        if (filters.containsKey("asOf")) {
            throw new InvalidParameter("asOf", "is not available yet: dashboards show the present, filtered by day.");
        }
        String place = text(filters, "place");
        String organisationFilter = fixed(text(filters, "organisation"), organisation, "organisation");
        String teamFilter = fixed(text(filters, "team"), team, "team");
        String theme = text(filters, "theme");
        LocalDate from = day(filters, "from");
        LocalDate to = day(filters, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidParameter("from", "must not be after to.");
        }
        return new DashboardQuery(place, organisationFilter, teamFilter,
                theme == null ? null : theme.toLowerCase(Locale.ROOT), from, to, listed);
    }

    private static String fixed(String asked, String ofPath, String name) {
        if (ofPath == null) {
            return asked;
        }
        if (asked != null && !asked.equals(ofPath)) {
            throw new InvalidParameter(name, "is given by the path of this dashboard.");
        }
        return ofPath;
    }

    /** A filter's text, stripped; {@code null} when absent or blank. */
    private static String text(Map<String, String> filters, String name) {
        String value = filters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            throw new InvalidParameter(name, "must be at most " + MAX_FILTER_LENGTH + " characters.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameter(name, "must not contain control characters.");
        }
        return value.strip();
    }

    private static LocalDate day(Map<String, String> filters, String name) {
        String value = text(filters, name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, "must be a day such as 2026-11-29.");
        }
    }
}
