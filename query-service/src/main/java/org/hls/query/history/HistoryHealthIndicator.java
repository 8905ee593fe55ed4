package org.hls.query.history;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Out of service until the history has read the topic up to where it ended when this instance started: until then
 * the dashboards would show less than happened. Down once it has ended on a failure; while it is held (the broker or
 * the store away, an event this release cannot read) it says why, and how far behind the topic it was.
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
        // Ended, it follows nothing: every dashboard here stands still. Held (the broker away, an event it cannot
        // read), it still answers what it has and says why it does not move.
        (following.ended() ? builder.down() : history.isReady() ? builder.up() : builder.outOfService())
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
