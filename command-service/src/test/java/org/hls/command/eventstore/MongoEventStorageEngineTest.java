package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.Writers.awaitLatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hls.events.Actor;
import org.hls.events.EventJson;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.command.support.Writers;
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoEventStorageEngineTest {

    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newMapper())
            .revisionResolver(new SchemaVersionRevisionResolver()).build();
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(EmbeddedStack.shared().store().connectionString());
        database = client.getDatabase("engine-" + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        database.drop();
        client.close();
    }

    @Test
    void anInsertWhoseAnswerIsLostIsKnownStoredByWhatTheStoreHolds() {
        // Found by the fault campaign: the connection dropped after the store applied an insert, the command was
        // answered 503 "nothing was recorded", and its event was there.
        MongoEventStorageEngine engine = Writers.writer(database, serializer, position -> { }, () -> {
            throw new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
        });

        engine.appendEvents(event("lost-answer", 0));
        engine.appendEvents(event("after", 0));

        assertThat(engine.readEvents("lost-answer").asStream()).hasSize(1);
        assertThat(positions(track(engine, null))).containsExactly(1L, 2L);
    }

    @Test
    void aWriteConcernErrorOnABatchOfSeveralWritersAnswersEachOfThemByWhatTheStoreHolds() throws Exception {
        // Found by review: the error carries no write error, reading the first threw, and the writer whose commit
        // was in that batch found it neither stored nor failed, and answered as stored.
        CountDownLatch firstAboutToInsert = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        AtomicInteger inserts = new AtomicInteger();
        MongoEventStorageEngine engine = new MongoEventStorageEngine.Builder() {
            @Override
            public MongoEventStorageEngine build() {
                return new MongoEventStorageEngine(this) {
                    @Override
                    protected void beforeInsert(long position) {
                        if (inserts.get() == 0) {
                            firstAboutToInsert.countDown();
                            Writers.awaitLatch(othersQueued);
                        }
                    }

                    @Override
                    protected void afterInsert() {
                        if (inserts.incrementAndGet() == 2) {
                            throw new MongoBulkWriteException(BulkWriteResult.unacknowledged(), List.of(),
                                    new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out",
                                            new BsonDocument()), new ServerAddress(), Set.of());
                        }
                    }
                };
            }
        }.database(database).eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50).build();
        engine.ensureIndexes();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> engine.appendEvents(event("first", 0)));
        Writers.awaitLatch(firstAboutToInsert);
        List<Thread> queued = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (String aggregate : List.of("second", "third")) {
            Thread writer = new Thread(() -> {
                try {
                    engine.appendEvents(event(aggregate, 0));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            writer.start();
            queued.add(writer);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> queued.stream()
                .allMatch(writer -> writer.getState() == Thread.State.WAITING));
        othersQueued.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Thread writer : queued) {
            writer.join(10_000);
        }

        // The embedded store holds what it applied, as a majority would once it confirmed: both are stored.
        assertThat(failures).isEmpty();
        assertThat(aggregates(track(engine, null))).containsExactlyInAnyOrder("first", "second", "third");
    }

    @Test
    void loadsAnAggregateFromItsCommitsInOrder() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("b", 0));
        engine.appendEvents(event("a", 2));

        assertThat(engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
        assertThat(engine.readEvents("a", 2).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(2L);
        assertThat(engine.lastSequenceNumberFor("a")).hasValue(2L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void loadsALongStreamAcrossManyBatches() {
        MongoEventStorageEngine engine = engine();
        for (int sequence = 0; sequence < 250; sequence++) {
            engine.appendEvents(event("long", sequence));
        }

        assertThat(engine.readEvents("long").asStream().count()).isEqualTo(250);
        assertThat(engine.lastSequenceNumberFor("long")).hasValue(249L);
    }

    @Test
    void givesEveryEventAGlobalPositionWithoutHoles() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("b", 0));

        assertThat(positions(track(engine, null))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aTrackerFollowingTheTailReadsOnlyTheCommits() {
        List<String> reads = new CopyOnWriteArrayList<>();
        try (MongoClient watched = watchedClient(reads)) {
            MongoEventStorageEngine engine = Writers.writer(watched.getDatabase(database.getName()), serializer,
                    position -> { });
            engine.appendEvents(event("a", 0));
            TrackingToken head = track(engine, null).get(0).trackingToken();
            engine.appendEvents(event("b", 0));
            reads.clear();

            assertThat(positions(track(engine, head))).containsExactly(2L);
            assertThat(reads).isNotEmpty().doesNotContain(MongoEventStorageEngine.POSITIONS);
        }
    }

    @Test
    void aTrackerAskingAgainAtTheEndItJustFoundIsAnsweredWithoutTheStoreUntilSomethingIsCommitted() {
        List<String> reads = new CopyOnWriteArrayList<>();
        AtomicLong now = new AtomicLong();
        try (MongoClient watched = watchedClient(reads)) {
            MongoEventStorageEngine engine = clocked(watched.getDatabase(database.getName()), now);
            MongoEventStorageEngine otherInstance = engine();
            engine.appendEvents(event("a", 0));
            TrackingToken end = track(engine, null).get(0).trackingToken();
            reads.clear();

            assertThat(engine.fetchTrackedEvents(end, 100)).as("asked again at once").isEmpty();
            assertThat(engine.fetchTrackedEvents(end, 100)).as("and again").isEmpty();
            assertThat(reads).as("reads sent to the store").isEmpty();

            engine.appendEvents(event("b", 0));
            reads.clear();
            assertThat(trackedPositions(engine.fetchTrackedEvents(end, 100))).as("committed here: read at once")
                    .containsExactly(2L);
            assertThat(reads).contains(MongoEventStorageEngine.COMMITS);

            TrackingToken newEnd = new GlobalSequenceTrackingToken(2);
            otherInstance.appendEvents(event("c", 0));
            assertThat(engine.fetchTrackedEvents(newEnd, 100)).as("another instance's, a moment after the read")
                    .isEmpty();
            now.addAndGet(MongoEventStorageEngine.TAIL_STANDS_NANOS);
            assertThat(trackedPositions(engine.fetchTrackedEvents(newEnd, 100))).as("once the read is that old")
                    .containsExactly(3L);
        }
    }

    @Test
    void anInsertWhoseAnswerWasLostMakesTheNextTrackingReadAskTheStore() {
        // Found in review: a failed insert may have stored its commits, and it forgets this instance's head, which
        // can then read as it did before the insert.
        AtomicLong now = new AtomicLong();
        MongoEventStorageEngine engine = clocked(database, now, () -> {
            throw new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
        });
        MongoEventStorageEngine otherInstance = engine();
        for (int i = 0; i < 70; i++) {
            otherInstance.appendEvents(event("other-" + i, 0));
        }
        List<? extends TrackedEventData<?>> window = engine.fetchTrackedEvents(null, 100);
        TrackingToken end = track(engine, window.get(window.size() - 1).trackingToken()).get(5).trackingToken();

        engine.appendEvents(event("lost-answer", 0));

        assertThat(trackedPositions(engine.fetchTrackedEvents(end, 100))).as("stored, though its answer was lost")
                .containsExactly(71L);
    }

    @Test
    void aTrackerOfAnotherInstanceReadsItsCommitsInWholeBatchesOnceAWindowIsFull() {
        AtomicLong now = new AtomicLong();
        MongoEventStorageEngine writer = engine();
        MongoEventStorageEngine tracker = clocked(database, now);
        writer.appendEvents(event("a", 0));
        TrackingToken seen = track(tracker, null).get(0).trackingToken();
        for (int i = 0; i < 300; i++) {
            writer.appendEvents(event("b-" + i, 0));
        }
        now.addAndGet(MongoEventStorageEngine.TAIL_STANDS_NANOS); // however fast the writer was

        List<? extends TrackedEventData<?>> window = tracker.fetchTrackedEvents(seen, 1000);
        List<? extends TrackedEventData<?>> rest = tracker.fetchTrackedEvents(
                window.get(window.size() - 1).trackingToken(), 1000);

        assertThat(trackedPositions(window)).as("what it knew of: nothing, and the slack")
                .containsExactlyElementsOf(LongStream.rangeClosed(2, 65).boxed().toList());
        assertThat(trackedPositions(rest)).as("the rest in one read, once it has read how far the writer got")
                .containsExactlyElementsOf(LongStream.rangeClosed(66, 301).boxed().toList());
    }

    @Test
    void aRefusedRunOfAnAggregateTakesItsLaterRunInTheSameAppendWithIt() {
        // Found in review: an import's runs (a, b, a) are separate commits; when another writer had taken a's first
        // version, a's later run was still stored after the other writer's, forking a's stream.
        MongoEventStorageEngine other = engine();
        other.appendEvents(event("a", 0));

        assertThatThrownBy(() -> engine().appendEvents(event("a", 0), event("b", 0), event("a", 1)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(other.readEvents("a").asStream().map(DomainEventMessage::getIdentifier))
                .as("only the other writer's").hasSize(1);
        assertThat(other.readEvents("b").asStream()).hasSize(1);
    }

    @Test
    void aSecondWriterAtTheSameVersionFailsAndTakesNoPosition() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("a", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1))).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine().appendEvents(event("a", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(event("b", 0));

        assertThat(positions(track(engine, null))).containsExactly(1L, 2L, 3L);
        assertThat(engine.readEvents("a").asStream().count()).isEqualTo(2);
    }

    @Test
    void aWriterThatLosesThePositionRaceMovesPastTheWinnerWithoutAHole() throws Exception {
        CountDownLatch aboutToInsert = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        MongoEventStorageEngine slow = engine(position -> {
            aboutToInsert.countDown();
            awaitLatch(otherCommitted);
        });
        MongoEventStorageEngine fast = engine();

        CompletableFuture<Void> slowCommit =
                CompletableFuture.runAsync(() -> slow.appendEvents(event("slow", 0), event("slow", 1)));
        awaitLatch(aboutToInsert);
        fast.appendEvents(event("fast", 0));
        otherCommitted.countDown();
        slowCommit.get(10, TimeUnit.SECONDS);
        fast.appendEvents(event("after", 0));

        List<? extends TrackedEventMessage<?>> tracked = track(fast, null);
        assertThat(positions(tracked)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(aggregates(tracked)).containsExactly("fast", "slow", "slow", "after");
    }

    @Test
    void aWriterThatDiesBeforeItsInsertLeavesNoHole() {
        MongoEventStorageEngine dying = engine(position -> {
            throw new IllegalStateException("died");
        });
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("first", 0));

        assertThatThrownBy(() -> dying.appendEvents(event("dead", 0))).hasMessage("died");
        engine.appendEvents(event("next", 0));

        assertThat(positions(track(engine, null))).containsExactly(1L, 2L);
        assertThat(engine.readEvents("dead").asStream()).isEmpty();
    }

    @Test
    void manyWritersInManyInstancesTakeEveryPositionExactlyOnce() throws Exception {
        List<MongoEventStorageEngine> instances = List.of(engine(), engine(), engine());
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> writers = new ArrayList<>();
        for (int writer = 0; writer < 6; writer++) {
            MongoEventStorageEngine instance = instances.get(writer % instances.size());
            String aggregate = "writer-" + writer;
            writers.add(threads.submit(() -> {
                long sequence = 0;
                for (int commit = 0; commit < 40; commit++) {
                    int size = 1 + commit % 3;
                    List<DomainEventMessage<?>> events = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        events.add(event(aggregate, sequence++));
                    }
                    instance.appendEvents(events);
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        List<? extends TrackedEventMessage<?>> tracked = track(engine(), null);
        int total = 6 * (14 * 1 + 13 * 2 + 13 * 3);
        assertThat(positions(tracked)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, total).boxed().toList());
        for (int writer = 0; writer < 6; writer++) {
            String aggregate = "writer-" + writer;
            assertThat(tracked.stream().map(e -> (DomainEventMessage<?>) e)
                    .filter(e -> e.getAggregateIdentifier().equals(aggregate))
                    .map(DomainEventMessage::getSequenceNumber))
                    .containsExactlyElementsOf(LongStream.range(0, 14 + 13 * 2 + 13 * 3).boxed().toList());
        }
    }

    @Test
    void aTokenInsideACommitResumesWithTheRestOfIt() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));
        engine.appendEvents(event("b", 0));

        List<? extends TrackedEventMessage<?>> rest = track(engine, new GlobalSequenceTrackingToken(1));

        assertThat(positions(rest)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void tracksPastManyBatchesAndPastRefusedCommits() {
        MongoEventStorageEngine engine = engine();
        for (int i = 0; i < 120; i++) {
            engine.appendEvents(event("agg-" + i, 0));
            if (i % 7 == 0) {
                assertThatThrownBy(() -> engine.appendEvents(event("agg-0", 0)))
                        .isInstanceOf(AggregateStreamCreationException.class);
            }
        }

        assertThat(positions(track(engine, null)))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 120).boxed().toList());
    }

    @Test
    void keepsTheLatestSnapshot() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.storeSnapshot(new GenericDomainEventMessage<>("LearningEntry", "a", 1, payload("a")));

        assertThat(engine.readSnapshot("a")).hasValueSatisfying(
                snapshot -> assertThat(snapshot.getSequenceNumber()).isEqualTo(1));
        assertThat(engine.lastSequenceNumberFor("a")).hasValue(1L);
    }

    /** A client that lists the collection of every {@code find} it sends in {@code reads}. */
    private static MongoClient watchedClient(List<String> reads) {
        CommandListener readsOf = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    reads.add(event.getCommand().getString("find").getValue());
                }
            }
        };
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedStack.shared().store().connectionString()))
                .addCommandListener(readsOf).build());
    }

    /** An engine whose tracking reads are asked at the instant {@code now} holds, in nanoseconds. */
    private MongoEventStorageEngine clocked(MongoDatabase on, AtomicLong now) {
        return clocked(on, now, () -> { });
    }

    /** The same, which runs {@code afterFirstInsert} once its first insert is applied (to lose its answer). */
    private MongoEventStorageEngine clocked(MongoDatabase on, AtomicLong now, Runnable afterFirstInsert) {
        return Writers.writer(on, serializer, position -> { }, afterFirstInsert, now::get);
    }

    private MongoEventStorageEngine engine() {
        return engine(position -> {
        });
    }

    /** An engine (an instance, as another JVM would be) that runs {@code beforeFirstInsert} before committing. */
    private MongoEventStorageEngine engine(LongConsumer beforeFirstInsert) {
        return Writers.writer(database, serializer, beforeFirstInsert);
    }

    private static List<? extends TrackedEventMessage<?>> track(MongoEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    private static List<Long> trackedPositions(List<? extends TrackedEventData<?>> events) {
        return events.stream().map(e -> ((GlobalSequenceTrackingToken) e.trackingToken()).getGlobalIndex()).toList();
    }

    private static List<Long> positions(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(e -> ((GlobalSequenceTrackingToken) e.trackingToken()).getGlobalIndex()).toList();
    }

    private static List<String> aggregates(List<? extends TrackedEventMessage<?>> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(((LearningRecorded) e.getPayload()).learningId()));
        return ids;
    }

    private static DomainEventMessage<LearningRecorded> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("LearningEntry", aggregateId, sequence, payload(aggregateId));
    }

    private static LearningRecorded payload(String aggregateId) {
        return new LearningRecorded(aggregateId, LearningKind.REFLECTION, "Noticed something", null,
                List.of("housing"), Perspective.PRACTITIONER, Visibility.TEAM, null, null, null, ALICE, AT);
    }
}
