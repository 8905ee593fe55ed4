package org.hls.query.history;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Down once the live history has ended on a failure (a checkpoint that lost a segment, the heap exhausted): the
 * instance could never be ready again, so its liveness says it is broken and what runs it restarts it. Found in review:
 * it stayed live, never ready, and nothing restarted it.
 */
@Component("historyRunning")
class HistoryRunningHealthIndicator extends AbstractHealthIndicator {

    private final LiveHistory history;

    HistoryRunningHealthIndicator(LiveHistory history) {
        this.history = history;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Throwable ended = history.endedOn();
        if (ended == null) {
            builder.up();
        } else {
            builder.down().withDetail("endedOn", String.valueOf(ended.getMessage()));
        }
    }
}
