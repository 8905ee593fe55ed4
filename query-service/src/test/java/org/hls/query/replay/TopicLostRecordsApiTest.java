package org.hls.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.hls.events.Actor;
import org.hls.events.EventEnvelope;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.support.EventStoreStandIn;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rebuild asked for from a topic whose retention has taken its earliest records reads the event store first, as
 * whoever asked may; when nobody here may, it is refused and nothing starts. Found in review: it rebuilt from what was
 * left, and took over from a complete projection with one that lacked them. (A topic of its own: records are deleted.)
 */
@IntegrationTest
class TopicLostRecordsApiTest extends StackProperties {

    private static final String OWN_TOPIC = "topic-lost-records-test-events";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final EventStoreStandIn EVENT_STORE = new EventStoreStandIn();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownTopic(DynamicPropertyRegistry registry) {
        createTopic(OWN_TOPIC);
        registry.add("hls.kafka.topic", () -> OWN_TOPIC);
        registry.add("hls.history.checkpoint-id", () -> "topic-lost-records-test");
        registry.add("hls.event-store.url", EVENT_STORE::url);
    }

    @AfterAll
    static void stopEventStore() {
        EVENT_STORE.stop();
    }

    @Test
    void aRebuildFromATopicThatLostItsEarliestRecordsReadsTheEventStoreFirstOrIsRefused() throws Exception {
        awaitReady(port);
        Http http = new Http(port);
        String learningId = UUID.randomUUID().toString();
        EventEnvelope recorded = envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId,
                LearningKind.BREAKTHROUGH, "Kept", null, List.of("housing"), Perspective.PRACTITIONER,
                Visibility.SYSTEM, null, null, null, new Actor("ann", "Ann", "org-lost", "team-1", "fife"),
                Instant.now()));
        publishTo(OWN_TOPIC, recorded);
        deleteEverythingPublished();

        String projectionsOnly = STACK.tokens().operator("rebuilder", "Rebuilder", "projections.manage");
        for (String projection : List.of("history", LearningFeedProjection.NAME)) {
            Answer refused = http.post("/api/admin/projections/" + projection + "/rebuild", projectionsOnly, "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("events.read");
        }
        String operator = STACK.tokens().operator("ada", "Ada");
        assertThat(http.get("/api/admin/projections/history", operator).json().path("rebuild").path("state")
                .asText()).as("nothing was started").isNotEqualTo("running");

        EVENT_STORE.serve(List.of(recorded));
        Answer started = http.post("/api/admin/projections/history/rebuild", operator, "{}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("rebuild").path("source").asText()).isEqualTo("event-store");
        await().atMost(PATIENCE).until(EVENT_STORE::isServing);
        EVENT_STORE.finish();
        await().atMost(PATIENCE).until(() -> http.get("/api/admin/projections/history", operator).json()
                .path("rebuild").path("state").asText().equals("finished"));
    }

    /** As when the topic's retention has run out: every record published so far is gone from it. */
    private static void deleteEverythingPublished() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(OWN_TOPIC)).allTopicNames().get().get(OWN_TOPIC).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(OWN_TOPIC, partition.partition()),
                            OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> gone = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) ->
                    gone.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(gone).all().get();
        }
    }
}
