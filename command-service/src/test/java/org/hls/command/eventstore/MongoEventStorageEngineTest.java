package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
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
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoEventStorageEngineTest {

    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Duration FENCE = Duration.ofMillis(300);

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
    void aSecondWriterAtTheSameVersionFailsAndReleasesItsPositionsAtOnce() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("a", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1))).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(event("b", 0));

        List<? extends TrackedEventMessage<?>> tracked = track(engine, null);
        assertThat(positions(tracked)).containsExactly(1L, 2L, 5L);
        assertThat(engine.readEvents("a").asStream().count()).isEqualTo(2);
    }

    @Test
    void aCommitThatFinishesLateIsDeliveredInPositionOrder() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine slow = engine(position -> {
            reserved.countDown();
            awaitLatch(release);
        });
        MongoEventStorageEngine fast = engine();

        CompletableFuture<Void> slowCommit = CompletableFuture.runAsync(() -> slow.appendEvents(event("slow", 0)));
        awaitLatch(reserved);
        fast.appendEvents(event("fast", 0));

        assertThat(track(fast, null)).as("position 1 is in flight: nothing after it yet").isEmpty();
        release.countDown();
        slowCommit.get(10, TimeUnit.SECONDS);
        assertThat(aggregates(track(fast, null))).containsExactly("slow", "fast");
    }

    @Test
    void aPositionNeverCommittedIsFencedAndItsLateWriterStoresNothing() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine stalled = engine(position -> {
            reserved.countDown();
            awaitLatch(release);
        });
        MongoEventStorageEngine engine = engine();
        CompletableFuture<Void> stalledCommit =
                CompletableFuture.runAsync(() -> stalled.appendEvents(event("stalled", 0)));
        awaitLatch(reserved);
        engine.appendEvents(event("next", 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> !track(engine, null).isEmpty());
        assertThat(aggregates(track(engine, null))).containsExactly("next");

        release.countDown();
        assertThatThrownBy(() -> stalledCommit.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(EventStoreException.class);
        assertThat(engine.readEvents("stalled").asStream()).isEmpty();
        assertThat(aggregates(track(engine, null))).containsExactly("next");
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
    void tracksPastManyBatchesAndPastReleasedPositions() {
        MongoEventStorageEngine engine = engine();
        for (int i = 0; i < 120; i++) {
            engine.appendEvents(event("agg-" + i, 0));
            if (i % 7 == 0) {
                assertThatThrownBy(() -> engine.appendEvents(event("agg-0", 0)))
                        .isInstanceOf(AggregateStreamCreationException.class);
            }
        }

        assertThat(track(engine, null)).hasSize(120);
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

    private MongoEventStorageEngine engine() {
        return engine(position -> {
        });
    }

    /** An engine whose writer pauses between taking its positions and committing, as a slow or dying writer does. */
    private MongoEventStorageEngine engine(LongConsumer afterReserving) {
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder() {
            @Override
            public MongoEventStorageEngine build() {
                return new MongoEventStorageEngine(this) {
                    @Override
                    protected long reservePositions(int count, int largestCommit) {
                        long first = super.reservePositions(count, largestCommit);
                        afterReserving.accept(first);
                        return first;
                    }
                };
            }
        };
        MongoEventStorageEngine engine = builder.database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).gapFenceTimeout(FENCE).batchSize(50).build();
        engine.ensureIndexes();
        return engine;
    }

    private static List<? extends TrackedEventMessage<?>> track(MongoEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
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
                List.of("housing"), Perspective.PRACTITIONER, Visibility.TEAM, null, ALICE, AT);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
