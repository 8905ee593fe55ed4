package org.hls.query.dashboard;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/dashboards/system")
class DashboardController {

    private static final List<String> FILTERS = List.of("place", "organisation", "team", "theme", "from", "to",
            "asOf");

    private final SystemDashboardProjection projection;
    private final DashboardStream stream;

    DashboardController(SystemDashboardProjection projection, DashboardStream stream) {
        this.projection = projection;
        this.stream = stream;
    }

    @GetMapping
    SystemDashboard system(@RequestParam Map<String, String> parameters) {
        refuseFilters(parameters);
        return projection.dashboard();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam Map<String, String> parameters) {
        refuseFilters(parameters);
        return stream.subscribe(lastEventId);
    }

    /** Filtered dashboards are not built yet: a filter is refused rather than silently ignored. */
    private static void refuseFilters(Map<String, String> parameters) {
        List<String> asked = FILTERS.stream().filter(parameters::containsKey).toList();
        if (!asked.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The dashboard cannot be filtered by "
                    + String.join(", ", asked) + " yet; ask for the whole-system dashboard without filters.");
        }
    }
}
