package org.hls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftableClockTest {

    @TempDir
    Path shifts;

    @Test
    void withoutAFolderItIsTheSystemClockInUtc() {
        assertThat(ShiftableClock.of("", "command-service")).isEqualTo(Clock.systemUTC());
    }

    @Test
    void jumpsAsItsFileSaysWhileTheServiceRunsAndComesBackWhenTheFileGoes() throws Exception {
        Clock clock = ShiftableClock.of(shifts.toString(), "query-service");
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));

        Files.writeString(shifts.resolve("query-service.shift"), "-PT2H\n");
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Duration.between(clock.instant(),
                Instant.now())).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121)));
        assertThat(System.currentTimeMillis() - clock.millis()).isBetween(119 * 60_000L, 121 * 60_000L);

        Files.writeString(shifts.resolve("query-service.shift"), "PT30M");
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Duration.between(Instant.now(),
                clock.instant())).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31)));

        Files.delete(shifts.resolve("query-service.shift"));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Duration.between(Instant.now(),
                clock.instant()).abs()).isLessThan(Duration.ofSeconds(1)));
    }
}
