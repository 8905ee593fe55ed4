package org.hls.query.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hls.events.Visibility;
import org.hls.query.history.LiveHistory;
import org.hls.query.security.Reader;
import org.hls.query.security.SmallNumbers;
import org.hls.query.web.FilterParameters;
import org.hls.query.web.Filters;
import org.hls.query.web.InvalidParameter;
import org.hls.query.web.Refusal;
import org.hls.query.web.ScopedFilterParameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole-system dashboard for everyone on the platform; an organisation's for its members; a team's for its
 * members. Each takes the {@link Filters} in any combination, {@code asOf} included, and has a live stream (of the
 * present: a stream takes no {@code asOf}).
 */
@RestController
@RequestMapping("/api/dashboards")
class DashboardController {

    /** What a stream sends, for the API description: its handler writes the stream itself. */
    private static final String SENT = "A `dashboard` event, its data the whole dashboard and its id the version: at "
            + "once, unless `Last-Event-ID` names the current version, then whenever it changes (at most once per "
            + "push interval; versions in between are not sent, nor replayed). A `:keep-alive` comment now and then; "
            + "the stream ends when the token it was opened with expires";

    private final Dashboards dashboards;
    private final DashboardStream stream;
    private final LiveHistory history;
    private final SmallNumbers smallNumbers;
    private final Clock clock;

    DashboardController(Dashboards dashboards, DashboardStream stream, LiveHistory history,
                        SmallNumbers smallNumbers, Clock clock) {
        this.dashboards = dashboards;
        this.stream = stream;
        this.history = history;
        this.smallNumbers = smallNumbers;
        this.clock = clock;
    }

    @FilterParameters
    @Operation(summary = "The whole-system dashboard")
    @GetMapping("/system")
    Dashboard system(@Parameter(hidden = true) @RequestParam Map<String, String> filters, Reader reader) {
        return dashboard(query(filters, null, null, Visibility.SYSTEM, reader));
    }

    @FilterParameters
    @Operation(summary = "Follow the whole-system dashboard as it changes (server-sent events)")
    @ApiResponse(responseCode = "200", description = SENT, content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = Dashboard.class)))
    @GetMapping(path = "/system/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void systemStream(@Parameter(hidden = true) @RequestParam Map<String, String> filters,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      Reader reader, @AuthenticationPrincipal Jwt token, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        stream.follow(live(query(filters, null, null, Visibility.SYSTEM, reader)), lastEventId,
                token.getSubject(), token.getExpiresAt(), request, response);
    }

    @ScopedFilterParameters
    @Operation(summary = "An organisation's dashboard")
    @GetMapping("/organisations/{organisation}")
    Dashboard organisation(@PathVariable String organisation,
                           @Parameter(hidden = true) @RequestParam Map<String, String> filters, Reader reader) {
        return dashboard(organisationQuery(organisation, filters, reader));
    }

    @ScopedFilterParameters
    @Operation(summary = "Follow an organisation's dashboard as it changes (server-sent events)")
    @ApiResponse(responseCode = "200", description = SENT, content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = Dashboard.class)))
    @GetMapping(path = "/organisations/{organisation}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void organisationStream(@PathVariable String organisation,
                            @Parameter(hidden = true) @RequestParam Map<String, String> filters,
                            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                            Reader reader, @AuthenticationPrincipal Jwt token, HttpServletRequest request,
                            HttpServletResponse response) throws IOException {
        stream.follow(live(organisationQuery(organisation, filters, reader)), lastEventId,
                token.getSubject(), token.getExpiresAt(), request, response);
    }

    @ScopedFilterParameters
    @Operation(summary = "A team's dashboard")
    @GetMapping("/organisations/{organisation}/teams/{team}")
    Dashboard team(@PathVariable String organisation, @PathVariable String team,
                   @Parameter(hidden = true) @RequestParam Map<String, String> filters, Reader reader) {
        return dashboard(teamQuery(organisation, team, filters, reader));
    }

    @ScopedFilterParameters
    @Operation(summary = "Follow a team's dashboard as it changes (server-sent events)")
    @ApiResponse(responseCode = "200", description = SENT, content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = Dashboard.class)))
    @GetMapping(path = "/organisations/{organisation}/teams/{team}/stream",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void teamStream(@PathVariable String organisation, @PathVariable String team,
                    @Parameter(hidden = true) @RequestParam Map<String, String> filters,
                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                    Reader reader, @AuthenticationPrincipal Jwt token, HttpServletRequest request,
                    HttpServletResponse response) throws IOException {
        stream.follow(live(teamQuery(organisation, team, filters, reader)), lastEventId,
                token.getSubject(), token.getExpiresAt(), request, response);
    }

    private Dashboard dashboard(DashboardQuery query) {
        history.ready();
        return dashboards.dashboard(query);
    }

    /**
     * A stream shows the present as it changes: it takes no {@code asOf}, and starts once this instance's history has
     * caught up (503 until then), as a dashboard read does: a new or restarting instance would show the counts
     * climbing from nothing.
     */
    private DashboardQuery live(DashboardQuery query) {
        if (query.asOf() != null) {
            throw new InvalidParameter("asOf", "invalid.as-of-stream");
        }
        history.ready();
        return query;
    }

    /**
     * An organisation's dashboard: its members read the learning it shares within it; an analyst from elsewhere reads
     * its numbers, and in its list only what is shared with the whole system.
     */
    private DashboardQuery organisationQuery(String organisation, Map<String, String> filters, Reader reader) {
        if (organisation.equals(reader.actor().organisation())) {
            return query(filters, organisation, null, Visibility.ORGANISATION, reader);
        }
        if (reader.has("ANALYST")) {
            return query(filters, organisation, null, Visibility.SYSTEM, reader);
        }
        throw new Refusal(HttpStatus.FORBIDDEN, "refused.dashboard.organisation-only");
    }

    /**
     * A team's dashboard: its members read the learning it shares within the team; an analyst from elsewhere reads
     * its numbers, and in its list only what is shared with the whole system.
     */
    private DashboardQuery teamQuery(String organisation, String team, Map<String, String> filters, Reader reader) {
        if (organisation.equals(reader.actor().organisation()) && team.equals(reader.actor().team())) {
            return query(filters, organisation, team, Visibility.TEAM, reader);
        }
        if (reader.has("ANALYST")) {
            return query(filters, organisation, team, Visibility.SYSTEM, reader);
        }
        throw new Refusal(HttpStatus.FORBIDDEN, "refused.dashboard.team-only");
    }

    /** The dashboard asked for; its counts under small-number control unless it is the reader's own team's. */
    private DashboardQuery query(Map<String, String> parameters, String organisation, String team,
                                 Visibility listed, Reader reader) {
        Filters filters = Filters.of(parameters, clock).within(organisation, team);
        return new DashboardQuery(filters.place(), filters.organisation(), filters.team(), filters.theme(),
                filters.range(), filters.asOf(), listed,
                smallNumbers.toShow(reader, filters.organisation(), filters.team()));
    }
}
