package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The instance's liveness says it is broken once its live history has ended on a failure, and why. */
class HistoryRunningHealthIndicatorTest {

    private final LiveHistory history = mock(LiveHistory.class);
    private final HistoryRunningHealthIndicator indicator = new HistoryRunningHealthIndicator(history);

    @Test
    void upWhileTheLiveHistoryRuns() {
        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downOnceItEndedOnAFailure() {
        when(history.endedOn()).thenReturn(new OutOfMemoryError("Direct buffer memory"));

        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health(true).getDetails()).containsEntry("endedOn", "Direct buffer memory");
    }
}
