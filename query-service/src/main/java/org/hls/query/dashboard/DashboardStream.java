package org.hls.query.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live dashboards over server-sent events: each subscriber gets the dashboard at once, then again whenever it
 * changed, at most once per push interval however many events arrived.
 */
@Component
class DashboardStream {

    private static final long NO_TIMEOUT = 0L;

    private final SystemDashboardProjection projection;
    private final DashboardChanges changes;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();

    DashboardStream(SystemDashboardProjection projection, DashboardChanges changes) {
        this.projection = projection;
        this.changes = changes;
    }

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(error -> subscribers.remove(emitter));
        subscribers.add(emitter);
        send(emitter, projection.dashboard());
        return emitter;
    }

    @Scheduled(fixedDelayString = "${hls.dashboard.push-interval}")
    void pushChanges() {
        if (!changes.takeChange() || subscribers.isEmpty()) {
            return;
        }
        SystemDashboard dashboard = projection.dashboard();
        subscribers.forEach(emitter -> send(emitter, dashboard));
    }

    /** A comment now and then keeps idle connections open through proxies. */
    @Scheduled(fixedDelayString = "${hls.dashboard.keep-alive}")
    void keepAlive() {
        subscribers.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(emitter);
            }
        });
    }

    /** Open streams would hold up shutdown until they time out. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    private void send(SseEmitter emitter, SystemDashboard dashboard) {
        try {
            emitter.send(SseEmitter.event().name("dashboard").data(dashboard, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(emitter);
        }
    }
}
