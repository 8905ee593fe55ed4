package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts: the platform runs as {@code ./run.sh} runs it, eight people record learning as fast as they are
 * answered, and the moment they stop every process of the platform (the launcher with the store, the broker, both
 * services) is killed at once. After each restart, every command that was answered 201 is in the event store
 * and counted on the dashboard exactly once.
 */
class PowerCutTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();
    private static final int CUTS = 3;
    private static final int WRITERS = 8;
    /** Commands answered in a burst before the power is cut, with the writers still busy. */
    private static final int BURST = 24;

    @TempDir
    Path dataDir;
    private LauncherProcess launcher;

    @AfterEach
    void stop() {
        cutPower();
    }

    @Test
    void everyAcknowledgedCommandSurvivesPowerCutsRightAfterABurst() throws Exception {
        PlatformSettings settings = PlatformSettings.onFreePorts(HOME, dataDir);
        Client client = new Client(settings);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        for (int cut = 1; cut <= CUTS; cut++) {
            start(settings, cut);
            int before = acknowledged.size();
            burstThenCutPower(client, "alice", acknowledged);
            assertThat(acknowledged.size()).as("commands answered 201 in burst %d", cut).isGreaterThan(before);
        }

        start(settings, CUTS + 1);
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
