package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ALICE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.command.support.TopicReader;
import org.hls.command.support.TopicReader.Published;
import org.hls.command.support.Writers;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

/**
 * A rolling upgrade: instances of a newer release store events this one does not know (a type it added, or a newer
 * version of one) while this one still publishes and takes commands. Found by a walk-through as an operator: such an
 * event stopped this release's publisher (every dashboard froze while an instance of it held the publisher's claim),
 * and a command on its aggregate was decided as if it had not happened.
 */
@IntegrationTest
class NewerReleaseEventsApiTest extends ApiTest {

    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"Before the upgrade","themes":["housing"],"perspective":"PRACTITIONER",
             "visibility":"TEAM"}""";
    private static final String ADDED_TYPE = "org.hls.events.actionlearning.SetArchivedInANewerRelease";

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Value("${hls.kafka.topic}")
    String topic;

    @Test
    void anEventOfATypeANewerReleaseAddedIsPublishedAndReplayedAsItWasStoredAndPublishingGoesOn() {
        String setId = UUID.randomUUID().toString();
        String payload = "{\"setId\":\"" + setId + "\",\"occurredAt\":\"2026-12-06T10:00:00Z\"}";
        storedByANewerRelease("ActionLearningSet", setId, 0, ADDED_TYPE, "2", payload);
        String after = created(http.post("/api/learning", tokenOf(ALICE), LEARNING));

        List<Published> published = await().atMost(Duration.ofSeconds(30)).until(
                () -> TopicReader.readAll(STACK.kafka().bootstrapServers(), topic),
                all -> all.stream().anyMatch(event -> event.envelope().aggregateId().equals(after)));
        EventEnvelope relayed = published.stream().map(Published::envelope)
                .filter(envelope -> envelope.aggregateId().equals(setId)).findFirst().orElseThrow();
        assertThat(relayed.type()).isEqualTo("SetArchivedInANewerRelease");
        assertThat(relayed.schemaVersion()).isEqualTo(2);
        assertThat(relayed.payload()).isEqualTo(EventJson.toTree(payload));
        assertThat(relayed.occurredAt()).isEqualTo(Instant.parse("2026-12-06T10:00:00Z"));

        EventEnvelope replayed = http.get("/api/admin/events", operatorToken()).body().lines()
                .map(line -> EventJson.read(line.getBytes(StandardCharsets.UTF_8)))
                .filter(envelope -> envelope.aggregateId().equals(setId)).findFirst().orElseThrow();
        assertThat(replayed).isEqualTo(relayed);
    }

    @Test
    void aCommandOnWhatANewerReleaseChangedIsRefusedUntilThatReleaseTakesItAndRecordsNothing() {
        String added = created(http.post("/api/learning", tokenOf(ALICE), LEARNING));
        storedByANewerRelease("LearningEntry", added, 1, "org.hls.events.learning.LearningFlaggedInANewerRelease",
                "1", "{\"learningId\":\"" + added + "\"}");
        String newer = created(http.post("/api/learning", tokenOf(ALICE), LEARNING));
        // A newer version whose JSON this release's class cannot read at all.
        storedByANewerRelease("LearningEntry", newer, 1, "org.hls.events.learning.LearningRetracted", "99",
                "{\"learningId\":\"" + newer + "\",\"reason\":{\"said\":\"In a shape this release never saw\"}}");

        for (String learningId : List.of(added, newer)) {
            Answer answer = refused(503, "/api/learning/" + learningId + "/retraction", tokenOf(ALICE),
                    "{\"reason\":\"Shared too early\"}");
            assertThat(answer.json().get("detail").asText()).contains("newer version");
        }
        // Both are published all the same, as they were stored.
        List<Published> published = await().atMost(Duration.ofSeconds(30)).until(
                () -> TopicReader.readAll(STACK.kafka().bootstrapServers(), topic),
                all -> all.stream().filter(event -> event.envelope().sequenceNumber() == 1).map(
                        event -> event.envelope().aggregateId()).toList().containsAll(List.of(added, newer)));
        assertThat(published).filteredOn(event -> event.envelope().aggregateId().equals(newer)
                        && event.envelope().sequenceNumber() == 1)
                .extracting(event -> event.envelope().schemaVersion()).containsExactly(99);
    }

    /** Stores an event as an instance of a newer release would: its type and version as this release cannot read. */
    private void storedByANewerRelease(String aggregateType, String aggregateId, long sequence, String type,
                                       String revision, String payload) {
        SerializedMessage<Object> message = new SerializedMessage<>(UUID.randomUUID().toString(),
                new SimpleSerializedObject<>(payload, String.class, type, revision),
                new SimpleSerializedObject<>("{}", String.class, MetaData.class.getName(), null), eventSerializer);
        Writers.writer(eventStoreDatabase(), eventSerializer, position -> { }).appendEvents(
                new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, message,
                        Instant.parse("2026-12-06T10:00:01Z")));
    }
}
