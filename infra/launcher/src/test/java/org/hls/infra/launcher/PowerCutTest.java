package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts and Ctrl-C: the platform runs as {@code ./run.sh} runs it, eight people record learning as fast as they
 * are answered, and the moment they stop every process of the platform (the launcher with the store, the broker,
 * both services) is killed at once; once, Ctrl-C instead, in the middle of a larger burst, with a backlog still to
 * publish and project: the platform stops within 10 s and frees its ports. After the last restart, every command
 * that was answered 201 is in the event store and counted on the dashboard exactly once.
 */
class PowerCutTest {

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
    void everyAcknowledgedCommandSurvivesPowerCutsAndCtrlCRightAfterABurst() throws Exception {
        PlatformSettings settings = PlatformSettings.onFreePorts(HOME, dataDir);
        Client client = new Client(settings);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        start(settings, 1);
        burstThenCutPower(client, "alice", acknowledged);
        assertThat(acknowledged).as("commands answered 201 before the first cut").isNotEmpty();

        start(settings, 2);
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

        start(settings, 3);
        before = acknowledged.size();
        burstThenCutPower(client, "alice", acknowledged);
        assertThat(acknowledged.size()).as("commands answered 201 before the second cut").isGreaterThan(before);

        start(settings, 4);
        Burst.assertStoredAndCountedOnce(settings, client, acknowledged);
    }

    /**
     * Records learning from several writers until a burst of commands has been answered; cuts the power the moment the
     * last writer has its answer.
     */
    private void burstThenCutPower(Client client, String person, Set<String> acknowledged) throws Exception {
        int before = acknowledged.size();
        Burst burst = Burst.start(client, person, WRITERS, acknowledged);
        burst.awaitAnswered(before + BURST);
        burst.stop();
        cutPower();
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
