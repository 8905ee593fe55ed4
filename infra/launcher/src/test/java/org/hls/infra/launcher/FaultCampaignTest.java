package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hls.infra.launcher.FaultCampaign.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut, Ctrl-C, then a fault campaign, as CI can afford them. The platform runs as {@code ./run.sh} runs it,
 * eight people record learning as fast as they are answered, and the moment they stop every process of the platform
 * (the launcher with the store, the broker, both services) is killed at once. Started again, query-service killed
 * (the launcher starts it again, and says so), then Ctrl-C in the middle of a larger burst, with a backlog still to
 * publish and project: the platform stops within 10 s and frees its ports. Started once more by a short {@link FaultCampaign}: every command answered 201 before is in the event
 * store and counted once; then four faults drawn at random under load of learning, experiments and actions in a set
 * (processes killed, the store unreachable, slow or its disk full, a service's clock jumping) and the campaign's
 * checker over the whole history. The campaign's seed is new each run and printed first;
 * {@code -Dcampaign.seed=<seed>} draws the same faults again, {@code -Dcampaign.faults=<n>} more of them.
 * docs/reliability.md records a long campaign.
 */
class FaultCampaignTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();
    private static final int WRITERS = 8;
    /** Commands answered in a burst before the power is cut, with the writers still busy. */
    private static final int BURST = 24;
    /** Commands answered before Ctrl-C: a backlog the publisher and the projections are still working through. */
    private static final int CTRL_C_BURST = 150;

    @TempDir
    Path dataDir;
    private LauncherProcess launcher;

    @AfterEach
    void stop() {
        cutPower();
    }

    @Test
    void everyAcknowledgedCommandSurvivesAPowerCutCtrlCAndRandomFaultsUnderLoad() throws Exception {
        PlatformSettings settings = PlatformSettings.onFreePorts(HOME, dataDir);
        Client client = new Client(settings);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        start(settings, 1);
        Burst cut = Burst.start(client, "alice", WRITERS, acknowledged);
        cut.awaitAnswered(BURST);
        cut.stop();
        // The moment the last writer has its answer: the publisher and the projections still have work in hand.
        cutPower();

        start(settings, 2);
        // A service that dies is started again by the launcher, which says so.
        launcher.killService("query-service");
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(launcher.output())
                .contains("query-service exited (status").contains("query-service is running again"));
        int before = acknowledged.size();
        Burst burst = Burst.start(client, "alice", WRITERS, acknowledged);
        burst.awaitAnswered(before + CTRL_C_BURST);
        Duration stopping = launcher.stopAsCtrlCDoes();
        launcher = null;
        burst.stop();
        assertThat(stopping).as("time from Ctrl-C until every process has exited").isLessThan(Duration.ofSeconds(10));
        for (int port : List.of(settings.issuerPort(), settings.commandPort(), settings.queryPort())) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.isBound()).as("port %d is free after Ctrl-C", port).isTrue();
            }
        }

        // Started again after a power cut and a Ctrl-C: nothing answered is lost, nothing is counted twice. Then
        // faults at random (power cuts restart everything, most of a minute each on CI's two cores: one is above).
        long seed = Long.getLong("campaign.seed", System.nanoTime());
        FaultCampaign campaign = new FaultCampaign(settings, Integer.getInteger("campaign.faults", 4),
                EnumSet.complementOf(EnumSet.of(Fault.POWER_CUT)), seed, 4, Duration.ofSeconds(1),
                Duration.ofSeconds(3), System.out)
                .whenUp(started -> Burst.assertStoredAndCountedOnce(started, client, acknowledged));

        assertThat(campaign.run()).as("discrepancies (seed %d)", seed).isEmpty();
    }

    private void start(PlatformSettings settings, int run) throws IOException {
        launcher = LauncherProcess.start(settings, dataDir.resolve("launcher-" + run + ".out"));
    }

    private void cutPower() {
        if (launcher != null) {
            launcher.cutPower();
            launcher = null;
        }
    }
}
