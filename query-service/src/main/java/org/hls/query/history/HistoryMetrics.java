package org.hls.query.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * How the dashboards' history follows the topic, for alerts: how many events it was behind when the broker last
 * answered, and how long ago that was (it asks every 15 s while it follows; a broker away, an event it cannot read or
 * a failure stops it, and every dashboard of this instance with it). Unknown (NaN) before the broker first answered.
 */
@Component
class HistoryMetrics {

    HistoryMetrics(LiveHistory history, MeterRegistry meters, Clock clock) {
        Gauge.builder("hls.history.lag", history, live -> {
                    long lag = live.following().lag();
                    return lag < 0 ? Double.NaN : lag;
                })
                .description("Events on the topic the dashboards' history had not applied at its last poll")
                .register(meters);
        Gauge.builder("hls.history.poll.age", history, live -> {
            Instant polled = live.following().polledAt();
            return polled == null ? Double.NaN : Duration.between(polled, clock.instant()).toMillis() / 1000.0;
        }).baseUnit("seconds").description("Since the dashboards' history last read the topic").register(meters);
    }
}
