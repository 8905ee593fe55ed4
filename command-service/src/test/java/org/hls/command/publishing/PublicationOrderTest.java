package org.hls.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.Writers.awaitLatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.hls.command.eventstore.MongoEventStorageEngine;
import org.hls.command.support.Http;
import org.hls.command.support.IntegrationTest;
import org.hls.command.support.StackProperties;
import org.hls.command.support.TopicReader;
import org.hls.command.support.Writers;
import org.hls.command.support.TopicReader.Published;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Other writers share this service's event store (as other instances would): one is overtaken while it commits, one
 * dies while committing, one commits several events at once, while the service takes commands over HTTP. Whatever
 * the order in which the commits finish, every stored event reaches Kafka exactly once, in order per aggregate, the
 * published positions have no hole, and nothing that was not stored is published.
 */
@IntegrationTest
class PublicationOrderTest extends StackProperties {

    private static final Actor BOB = new Actor("bob", "Bob", "org-b", "team-2", "fife");
    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"Noticed","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM"}""";

    @Autowired
    MongoDatabase eventStoreDatabase;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Value("${hls.kafka.topic}")
    String topic;
    @LocalServerPort
    int port;

    @Test
    void everyStoredEventIsPublishedOnceInOrderWhateverOrderCommitsFinishIn() throws Exception {
        Http http = new Http(port);
        String token = STACK.tokens().issue("alice", "Alice", List.of("PRACTITIONER"), "org-a", "team-1", "fife");
        CountDownLatch aboutToInsert = new CountDownLatch(1);
        CountDownLatch overtaken = new CountDownLatch(1);
        MongoEventStorageEngine slowWriter = writer(position -> {
            aboutToInsert.countDown();
            awaitLatch(overtaken);
        });
        MongoEventStorageEngine dyingWriter = writer(position -> {
            throw new IllegalStateException("the writer died while committing at " + position);
        });

        CompletableFuture<Void> slowCommit =
                CompletableFuture.runAsync(() -> slowWriter.appendEvents(learning("slow", 0)));
        awaitLatch(aboutToInsert);
        String overtaking = http.post("/api/learning", token, LEARNING).json().get("id").asText();
        assertThatThrownBy(() -> dyingWriter.appendEvents(learning("dead", 0)))
                .hasMessageContaining("the writer died");
        overtaken.countDown();
        slowCommit.get(10, TimeUnit.SECONDS);
        writer(position -> { }).appendEvents(learning("several", 0), learning("several", 1), learning("several", 2));
        http.post("/api/learning", token, LEARNING);

        List<String> stored = storedEventIds();
        List<Published> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicReader.readAll(STACK.kafka().bootstrapServers(), topic),
                        all -> all.size() >= stored.size());

        assertThat(published).extracting(p -> p.envelope().eventId()).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(published).noneMatch(p -> p.envelope().aggregateId().equals("dead"));
        assertThat(positionOf(published, overtaking)).isLessThan(positionOf(published, "slow"));
        assertThat(published.stream().map(p -> p.envelope().globalPosition()).sorted().toList())
                .as("positions without a hole").containsExactlyElementsOf(
                        LongStream.rangeClosed(1, stored.size()).boxed().toList());
        // Found by review: nothing showed the events keyed by their aggregate, which keeps each on one partition.
        assertThat(published).allSatisfy(p -> assertThat(p.key()).isEqualTo(p.envelope().aggregateId()));
        Map<String, Integer> partitionOfAggregate = new HashMap<>();
        published.forEach(p -> assertThat(partitionOfAggregate.computeIfAbsent(p.envelope().aggregateId(),
                aggregate -> p.partition())).as(p.envelope().aggregateId()).isEqualTo(p.partition()));
        Map<Integer, Long> lastPositionPerPartition = new HashMap<>();
        Map<String, Long> lastSequencePerAggregate = new HashMap<>();
        for (Published event : published) {
            long position = event.envelope().globalPosition();
            assertThat(position).isGreaterThan(lastPositionPerPartition.getOrDefault(event.partition(), 0L));
            lastPositionPerPartition.put(event.partition(), position);
            long sequence = event.envelope().sequenceNumber();
            assertThat(sequence).isEqualTo(lastSequencePerAggregate.getOrDefault(event.envelope().aggregateId(), -1L) + 1);
            lastSequencePerAggregate.put(event.envelope().aggregateId(), sequence);
        }
    }

    private List<String> storedEventIds() {
        List<String> ids = new ArrayList<>();
        for (Document commit : eventStoreDatabase.getCollection("event_commits").find()) {
            commit.getList("events", Document.class).forEach(event -> ids.add(event.getString("eventId")));
        }
        return ids;
    }

    private static long positionOf(List<Published> published, String aggregateId) {
        return published.stream().filter(p -> p.envelope().aggregateId().equals(aggregateId)).findFirst()
                .orElseThrow().envelope().globalPosition();
    }

    /** Another writer on the same store, which runs {@code beforeFirstInsert} before its first attempt to commit. */
    private MongoEventStorageEngine writer(LongConsumer beforeFirstInsert) {
        return Writers.writer(eventStoreDatabase, eventSerializer, beforeFirstInsert);
    }

    private static GenericDomainEventMessage<LearningRecorded> learning(String learningId, long sequence) {
        return new GenericDomainEventMessage<>("LearningEntry", learningId, sequence,
                new LearningRecorded(learningId, LearningKind.REFLECTION, "From another writer", null, List.of(),
                        Perspective.PRACTITIONER, Visibility.TEAM, null, null, null, BOB, Instant.parse("2026-11-28T10:00:00Z")));
    }
}
