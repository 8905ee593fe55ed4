package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * Practitioners recording learning from several threads as fast as they are answered, each answered entry's id kept;
 * a writer whose command fails (the platform is going down) stops. And the check that follows a fault: every answered
 * entry is in the event store, and the dashboard counts every stored one once.
 */
final class Burst {

    private final Set<String> answered;
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final ExecutorService writers;

    private Burst(Client client, String person, int writerCount, Set<String> answered) {
        this.answered = answered;
        this.writers = Executors.newFixedThreadPool(writerCount);
        for (int i = 0; i < writerCount; i++) {
            // Each writer a person of their own: one person's commands are held to their rate.
            String token = client.token(person + "-" + i, "PRACTITIONER");
            writers.submit(() -> {
                while (writing.get()) {
                    try {
                        answered.add(client.recordLearning(token, "REFLECTION"));
                    } catch (RuntimeException | AssertionError stopped) {
                        return;
                    }
                }
            });
        }
    }

    /**
     * Starts {@code writerCount} writers, people named after {@code person}, each recording as fast as answered;
     * each answered id goes into {@code answered}.
     */
    static Burst start(Client client, String person, int writerCount, Set<String> answered) {
        return new Burst(client, person, writerCount, answered);
    }

    /** Waits until {@code count} commands in all have been answered. */
    void awaitAnswered(int count) {
        await().atMost(Duration.ofSeconds(90)).until(() -> answered.size() >= count);
    }

    /** Stops the writers and waits until each has its last answer. */
    void stop() throws InterruptedException {
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Every answered entry is in the event store, and the dashboard counts each stored entry once. */
    static void assertStoredAndCountedOnce(PlatformSettings settings, Client client, Set<String> answered) {
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
