package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.hls.infra.launcher.ServiceProcess.Patience;
import org.junit.jupiter.api.Test;

/** How long the launcher waits for a service it started to answer healthy. */
class ServiceProcessTest {

    private static final String REBUILDING = "{\"status\":\"OUT_OF_SERVICE\",\"components\":{\"projections\":"
            + "{\"status\":\"OUT_OF_SERVICE\",\"details\":{\"waitingForTheirShape\":[\"learning-feed\"]}}}}";

    @Test
    void aServiceIsGivenTwoMinutesToStart() {
        Patience patience = new Patience(0);

        assertThat(patience.heard("{\"status\":\"DOWN\"}", seconds(30))).isFalse();
        assertThat(patience.heard("{\"details\":{\"waitingForTheirShape\":[]}}", seconds(40))).isFalse();

        assertThat(patience.exhausted(seconds(119))).isFalse();
        assertThat(patience.exhausted(seconds(120))).isTrue();
        assertThat(patience.limit()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void oneRebuildingReadModelsInItsOwnShapeAfterAnUpgradeIsGivenHalfAnHourFromWhenItSaysSo() {
        Patience patience = new Patience(0);

        assertThat(patience.heard(REBUILDING, seconds(60))).as("said once").isTrue();
        assertThat(patience.heard(REBUILDING, seconds(90))).isFalse();

        assertThat(patience.exhausted(seconds(60 + 29 * 60))).isFalse();
        assertThat(patience.exhausted(seconds(60 + 30 * 60))).isTrue();
        assertThat(patience.limit()).isEqualTo(Duration.ofMinutes(30));
    }

    private static long seconds(long seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }
}
