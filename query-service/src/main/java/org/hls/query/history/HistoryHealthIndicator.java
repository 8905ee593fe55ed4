package org.hls.query.history;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Out of service until the history has read the topic up to where it ended when this instance started: until then
 * the dashboards would show less than happened. While it is held (the broker or the store away, an event this release
 * cannot read) or has ended on a failure, it says why, and how far behind the topic it was when the broker last
 * answered (hls_history_poll_age_seconds, which an alert watches, grows meanwhile).
 */
@Component("historyHealthIndicator")
class HistoryHealthIndicator extends AbstractHealthIndicator {

    private final LiveHistory history;

    HistoryHealthIndicator(LiveHistory history) {
        this.history = history;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        LiveHistory.Following following = history.following();
        // Held (the broker away, an event it cannot read) or ended, it still answers what it has, and says why it
        // does not move: every instance meets the same event, and none should leave the load balancer for it.
        (history.isReady() ? builder.up() : builder.outOfService())
                .withDetail("events", history.events()).withDetail("offsets", history.offsets())
                .withDetail("lag", following.lag());
        if (following.polledAt() != null) {
            builder.withDetail("polledAt", following.polledAt().toString());
        }
        if (following.held() != null) {
            builder.withDetail("held", following.held());
        }
    }
}
