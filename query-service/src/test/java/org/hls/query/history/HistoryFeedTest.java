package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.zip.DeflaterOutputStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.events.EventJson;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.infra.embedded.KafkaBroker;
import org.hls.infra.embedded.MongoStore;
import org.hls.infra.embedded.Ports;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.support.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's feed against a broker of its own, which it can be made to miss.
 */
class HistoryFeedTest {

    private static final String TOPIC = "history-feed-test";

    @TempDir
    Path brokerData;

    /**
     * On a busy machine the broker may not answer the history's first questions in time; the CI once had a
     * query-service that never became ready because its history ended on that first timeout.
     */
    @Test
    void aBrokerThatDoesNotAnswerWhenTheHistoryStartsIsWaitedFor() throws Exception {
        int port = Ports.free();
        int controllerPort = Ports.free();
        String bootstrap = "127.0.0.1:" + port;
        try (MongoClient client = MongoClients.create(EmbeddedStack.shared().store().connectionString())) {
            var database = client.getDatabase("history-feed-" + UUID.randomUUID());
            HistoryFeed feed = new HistoryFeed(1, new HistoryCheckpoints(database, "test"),
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), TOPIC, null, events -> { },
                    Clock.systemUTC()).restoringCheckpoint();
            Thread thread = new Thread(feed, "history-feed-test");
            thread.start();
            try (KafkaBroker broker = KafkaBroker.start(brokerData, port, controllerPort, "256m")) {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                    admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
                }
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(TOPIC, "exp-1", EventJson.write(
                            Events.envelope("exp-1", 0, 1, Events.started("exp-1"))))).get();
                }

                await().atMost(Duration.ofSeconds(90))
                        .failFast("the history ended", () -> !feed.isRunning())
                        .until(() -> feed.isCaughtUp() && feed.history().applied() == 1);
            } finally {
                feed.stop();
                database.drop();
            }
        }
    }

    /** A topic of one partition on the shared broker, and a database: for tests that need no broker of their own. */
    private final String topic = "history-feed-" + UUID.randomUUID();
    private final String bootstrap = EmbeddedStack.shared().kafka().bootstrapServers();
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void openTopicAndDatabase() throws Exception {
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        client = MongoClients.create(EmbeddedStack.shared().store().connectionString());
        database = client.getDatabase("history-feed-" + UUID.randomUUID());
    }

    @AfterEach
    void closeTopicAndDatabase() {
        database.drop();
        client.close();
        producer.close();
        admin.close();
    }

    /**
     * Found in review: a replica set electing a primary while an instance started left its checkpoint unread, and the
     * history ended for good; the instance never became ready, and nothing restarted it.
     */
    @Test
    void aStoreThatDoesNotAnswerWhenTheHistoryStartsIsWaitedFor(@TempDir Path storeData) throws Exception {
        started(1);
        int storePort = Ports.free();
        try (MongoClient away = MongoClients.create("mongodb://127.0.0.1:" + storePort
                + "/?serverSelectionTimeoutMS=300")) {
            HistoryFeed feed = started(feed(away.getDatabase("history"), events -> { }));
            try {
                await().atMost(Duration.ofSeconds(30)).failFast("the history ended", () -> !feed.isRunning())
                        .until(() -> feed.held() != null);
                try (MongoStore store = MongoStore.start(storeData.resolve("store.h2"), storePort)) {
                    await().atMost(Duration.ofSeconds(60)).failFast("the history ended", () -> !feed.isRunning())
                            .until(() -> feed.isCaughtUp() && feed.history().applied() == 1);
                } finally {
                    feed.stop();
                }
            } finally {
                feed.stop();
            }
        }
    }

    /**
     * Found in review: an instance away for longer than the topic keeps its records read on from what was left,
     * passing over events it never read, and still said it held the whole history.
     */
    @Test
    void aHistoryThatFindsTheTopicBeginningPastWhereItStoppedSaysItIsIncomplete() throws Exception {
        started(1);
        HistoryFeed first = started(feed(database, events -> { }));
        await().atMost(Duration.ofSeconds(60)).failFast("the history ended", () -> !first.isRunning())
                .until(() -> first.isCaughtUp() && first.history().applied() == 1);
        first.stop();
        started(2);
        started(3);
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();

        HistoryFeed again = started(feed(database, events -> { }));
        try {
            await().atMost(Duration.ofSeconds(60)).failFast("the history ended", () -> !again.isRunning())
                    .until(() -> again.isCaughtUp() && again.history().applied() == 2);
            assertThat(again.isIncomplete()).isTrue();
        } finally {
            again.stop();
        }
    }

    /**
     * Whatever ends the history (here its heap exhausted while an observer was told) is kept as what ended it, for the
     * instance's liveness to say: it is never caught up again, and is to be restarted.
     */
    @Test
    void aHistoryEndedByAnErrorSaysWhatEndedIt() throws Exception {
        started(1);
        HistoryFeed feed = started(feed(database, events -> {
            throw new OutOfMemoryError("Direct buffer memory");
        }));

        await().atMost(Duration.ofSeconds(60)).until(() -> !feed.isRunning());
        assertThat(feed.failure()).isInstanceOf(OutOfMemoryError.class);
    }

    /**
     * Found in review: a replay from the event store cut short (the service stopped, the event store went away) was
     * saved as the whole history, and the next start read on from the topic, which had lost what the replay had not
     * reached: the history lacked it for good.
     */
    @Test
    void aReplayFromTheEventStoreCutShortIsMadeAgainOnTheNextStart() throws Exception {
        for (long position = 1; position <= 4; position++) {
            started(position);
        }
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();
        HistoryFeed cut = started(feed(database, events -> { }).orFromEventStoreIfTopicLostRecords(
                (partitions, batches, running) -> {
                    batches.accept(stored(1, 1), 4L);
                    throw new UncheckedIOException(new IOException("the event store went away"));
                }));
        await().atMost(Duration.ofSeconds(60)).until(() -> !cut.isRunning());

        HistoryFeed again = started(feed(database, events -> { }).orFromEventStoreIfTopicLostRecords(
                (partitions, batches, running) -> batches.accept(stored(1, 4), 4L)));
        try {
            await().atMost(Duration.ofSeconds(60)).failFast("the history ended", () -> !again.isRunning())
                    .until(() -> again.isCaughtUp() && again.history().applied() == 4);
            assertThat(again.isIncomplete()).isFalse();
        } finally {
            again.stop();
        }
        // Found in review: on a quiet topic the checkpoint went on saying it was replaying, and every start replayed
        // the whole event store again.
        Document manifest = database.getCollection("history_checkpoints").find(new Document("_id", "test/1")).first();
        assertThat(manifest.getBoolean("replaying")).isFalse();
        assertThat(manifest.getList("offsets", Long.class)).containsExactly(4L);
    }

    /**
     * Found in review: after a replay from the event store the topic was read from a little before the replay began by
     * this service's clock, as the broker stamped records: with this clock ahead of the publisher's, what was published
     * during the replay was in neither.
     */
    @Test
    void whatIsPublishedDuringAReplayIsReadFromTheTopicWhateverThisServicesClockSays() throws Exception {
        for (long position = 1; position <= 3; position++) {
            started(position);
        }
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        HistoryFeed feed = started(new HistoryFeed(1, new HistoryCheckpoints(database, "test"), Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, (partitions, batches, running) -> {
                    batches.accept(stored(1, 3), 3L);
                    try {
                        started(4); // stored after the replay read the store, and published
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, events -> { }, ahead));
        try {
            await().atMost(Duration.ofSeconds(60)).failFast("the history ended", () -> !feed.isRunning())
                    .until(() -> feed.history().applied() == 4);
        } finally {
            feed.stop();
        }
    }

    /**
     * Found in review: a checkpoint whose restore failed part way (here a damaged segment's count, which ran the heap
     * out) was saved over with what it had restored, as if it were all: the next start took the rest as applied.
     */
    @Test
    void aCheckpointThatCannotBeRestoredIsNotSavedOver() throws Exception {
        HistoryCheckpoints checkpoints = new HistoryCheckpoints(database, "test");
        checkpoints.save(1, 1, List.of(Fact.of(stored(1, 1).get(0))), new long[] {1}, new long[] {1}, false, false);
        checkpoints.save(1, 2, List.of(Fact.of(stored(2, 2).get(0))), new long[] {2}, new long[] {2}, false, false);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(damaged))) {
            out.writeInt(Integer.MAX_VALUE);
        }
        MongoCollection<Document> saved = database.getCollection("history_checkpoints");
        saved.updateOne(new Document("_id", "test/1/2"), new Document("$set",
                new Document("facts", new Binary(damaged.toByteArray()))));

        HistoryFeed feed = started(feed(database, events -> { }));
        await().atMost(Duration.ofSeconds(60)).until(() -> !feed.isRunning());

        assertThat(feed.failure()).isInstanceOf(CheckpointUnreadable.class);
        Document manifest = saved.find(new Document("_id", "test/1")).first();
        assertThat(manifest.getInteger("segments")).isEqualTo(2);
        assertThat(manifest.getList("positions", Long.class)).containsExactly(2L);
    }

    /** Experiments {@code from} to {@code to} started, as the event store hands them over. */
    private static List<ProjectedEvent> stored(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(position -> {
            String experimentId = "exp-" + position;
            return new ProjectedEvent(Events.envelope(experimentId, 0, position, Events.started(experimentId)),
                    Events.started(experimentId), 0);
        }).toList();
    }

    /** A feed of this test's topic, restoring its checkpoint from {@code checkpoints}, read as the service reads. */
    private HistoryFeed feed(MongoDatabase checkpoints, Consumer<List<ProjectedEvent>> observer) {
        // From the earliest record left when where it had read to is gone, as the service's consumers are set.
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new HistoryFeed(1, new HistoryCheckpoints(checkpoints, "test"), consumer, topic, null, observer,
                Clock.systemUTC()).restoringCheckpoint();
    }

    /** Publishes experiment {@code position} started, at that global position. */
    private void started(long position) throws Exception {
        String experimentId = "exp-" + position;
        producer.send(new ProducerRecord<>(topic, experimentId, EventJson.write(Events.envelope(experimentId, 0,
                position, Events.started(experimentId))))).get();
    }

    private static HistoryFeed started(HistoryFeed feed) {
        new Thread(feed, "history-feed-test").start();
        return feed;
    }
}
