package org.hls.query.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * How the dashboards' history follows the topic, for alerts: how many events it was behind at its last poll, and how
 * long ago that poll was (it polls several times a second while it follows; a broker away or an event it cannot read
 * stops it, and every dashboard of this instance with it).
 */
@Component
class HistoryMetrics {

    HistoryMetrics(LiveHistory history, MeterRegistry meters, Clock clock) {
        Gauge.builder("hls.history.lag", history, live -> Math.max(0, live.following().lag()))
                .description("Events on the topic the dashboards' history had not applied at its last poll")
                .register(meters);
        Gauge.builder("hls.history.poll.age", history, live -> {
            Instant polled = live.following().polledAt();
            return polled == null ? 0 : Duration.between(polled, clock.instant()).toMillis() / 1000.0;
        }).baseUnit("seconds").description("Since the dashboards' history last read the topic").register(meters);
    }
}
