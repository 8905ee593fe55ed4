package org.hls.query.history;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Out of service until the history has read the topic up to where it ended when this instance started: until then
 * the dashboards would show less than happened.
 */
@Component("historyHealthIndicator")
class HistoryHealthIndicator extends AbstractHealthIndicator {

    private final LiveHistory history;

    HistoryHealthIndicator(LiveHistory history) {
        this.history = history;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (history.isReady() ? builder.up() : builder.outOfService()).withDetail("events", history.events())
                .withDetail("offsets", history.offsets());
    }
}
