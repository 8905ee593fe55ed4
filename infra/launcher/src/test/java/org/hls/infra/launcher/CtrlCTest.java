package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Ctrl-C in the middle of a burst, with a backlog still to publish and project: the platform stops within 10 s and
 * frees its ports; after the run command again, every command that was answered is stored and counted once.
 */
class CtrlCTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();
    private static final int WRITERS = 8;
    private static final int BURST = 150;

    @TempDir
    Path dataDir;
    private LauncherProcess launcher;

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.cutPower();
        }
    }

    @Test
    void ctrlCInABurstStopsThePlatformWithinTenSecondsAndLosesNothingAnswered() throws Exception {
        PlatformSettings settings = PlatformSettings.onFreePorts(HOME, dataDir);
        Client client = new Client(settings);
        launcher = LauncherProcess.start(settings, dataDir.resolve("launcher-1.out"));
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Burst burst = Burst.start(client, "alice", WRITERS, answered);
        burst.awaitAnswered(BURST);

        Duration stopping = launcher.stopAsCtrlCDoes();
        launcher = null;
        burst.stop();

        assertThat(stopping).as("time from Ctrl-C until every process has exited").isLessThan(Duration.ofSeconds(10));
        for (int port : List.of(settings.issuerPort(), settings.commandPort(), settings.queryPort())) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.isBound()).as("port %d is free", port).isTrue();
            }
        }
        launcher = LauncherProcess.start(settings, dataDir.resolve("launcher-2.out"));
        Burst.assertStoredAndCountedOnce(settings, client, answered);
    }
}
