package org.hls.query.dashboard;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/dashboards/system")
class DashboardController {

    private final SystemDashboardProjection projection;
    private final DashboardStream stream;

    DashboardController(SystemDashboardProjection projection, DashboardStream stream) {
        this.projection = projection;
        this.stream = stream;
    }

    @GetMapping
    SystemDashboard system() {
        return projection.dashboard();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream.subscribe(lastEventId);
    }
}
