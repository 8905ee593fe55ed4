package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
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
        String alice = client.token("alice", "PRACTITIONER");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int i = 0; i < WRITERS; i++) {
            writers.submit(() -> {
                while (writing.get()) {
                    try {
                        answered.add(client.recordLearning(alice, "REFLECTION"));
                    } catch (RuntimeException | AssertionError stopped) {
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> answered.size() >= BURST);

        Duration stopping = launcher.stopAsCtrlCDoes();
        launcher = null;
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(stopping).as("time from Ctrl-C until every process has exited").isLessThan(Duration.ofSeconds(10));
        for (int port : List.of(settings.issuerPort(), settings.commandPort(), settings.queryPort())) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.isBound()).as("port %d is free", port).isTrue();
            }
        }
        launcher = LauncherProcess.start(settings, dataDir.resolve("launcher-2.out"));
        try (MongoClient store = MongoClients.create("mongodb://127.0.0.1:" + settings.mongoPort())) {
            var commits = store.getDatabase("learning-events").getCollection("event_commits");
            List<String> streams = answered.stream().map(id -> id + ":0").toList();
            assertThat(commits.countDocuments(new Document("stream", new Document("$in", streams))))
                    .as("answered learning entries in the event store").isEqualTo(answered.size());
            long stored = commits.countDocuments(new Document("aggregateType", "LearningEntry"));
            String leader = client.token("lena", "LEADER");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(client.totals(leader).get("reflections")).as("reflections on the dashboard")
                            .isEqualTo(stored));
        }
    }
}
