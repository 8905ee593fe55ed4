package org.hls.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.EventEnvelope;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.experiment.ExperimentTimelineProjection;
import org.hls.query.history.LiveHistory;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.projection.ProjectionGenerations;
import org.hls.query.projection.ProjectionRebuilds;
import org.hls.query.support.EventStoreStandIn;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.ReaderThread;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read models in the store are rebuilt beside the live ones and take over in one step: from the topic, from
 * the event store once the topic has lost its early records, and by themselves when a deployment that already has
 * history first runs a release that adds one. A topic, group and database of its own: this class cuts its topic.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoredProjectionRebuildApiTest extends StackProperties {

    private static final String OWN_TOPIC = "stored-rebuild-test-events";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Actor ANN = new Actor("ann", "Ann", "org-rebuild", "team-1", "fife");
    private static final EventStoreStandIn EVENT_STORE = new EventStoreStandIn();
    private static final List<EventEnvelope> PUBLISHED = new ArrayList<>();
    private static final String SERVICE = "stored-rebuild-test-service";
    private static final String SERVICE_SECRET = UUID.randomUUID().toString();

    @LocalServerPort
    int port;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    ProjectionGenerations generations;
    @Autowired
    MongoDatabase viewsDatabase;
    @Autowired
    ExperimentTimelineProjection timelines;
    @Autowired
    LiveHistory history;

    private Http http;
    private String admin;
    private String colleague;

    @DynamicPropertySource
    static void ownTopic(DynamicPropertyRegistry registry) {
        createTopic(OWN_TOPIC);
        registry.add("hls.kafka.topic", () -> OWN_TOPIC);
        registry.add("spring.kafka.consumer.group-id", () -> "stored-rebuild-test");
        registry.add("hls.mongodb.database", () -> "stored-rebuild-test");
        registry.add("hls.history.checkpoint-id", () -> "stored-rebuild-test");
        registry.add("hls.event-store.url", EVENT_STORE::url);
        // This service's own client at the issuer, for reading the event store unasked.
        registry.add("hls.event-store.client-id", () -> SERVICE);
        registry.add("hls.event-store.client-secret", () -> SERVICE_SECRET);
        registry.add("hls.event-store.token-uri", () -> STACK.tokens().serviceClient(SERVICE, SERVICE_SECRET,
                "events.read"));
    }

    @AfterAll
    static void stopEventStore() {
        EVENT_STORE.stop();
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        admin = STACK.tokens().operator("ada", "Ada");
        colleague = STACK.tokens().issue("cat", "Cat", List.of("PRACTITIONER"), ANN.organisation(), ANN.team(),
                "fife");
        if (PUBLISHED.isEmpty()) {
            String experimentId = UUID.randomUUID().toString();
            publishOwn(envelope(experimentId, 0, nextPosition(), new ExperimentProposed(experimentId, "Open door",
                    "Drop-in helps", List.of("housing"), "Keep the key worker", null, null, Visibility.TEAM, ANN,
                    Instant.parse("2026-03-02T09:00:00Z"))));
            publishOwn(envelope(experimentId, 1, nextPosition(), new ExperimentStarted(experimentId, ANN,
                    Instant.parse("2026-03-03T09:00:00Z"))));
            for (int i = 0; i < 5; i++) {
                publishOwn(learning(Instant.parse("2026-03-04T09:00:00Z").plusSeconds(3600L * i), experimentId));
            }
            await().atMost(PATIENCE).until(() -> feedSize() == 5);
        }
    }

    @Test
    @Order(1)
    void aProjectionNewToADeploymentWithHistoryBuildsItselfOnItsFirstStart() {
        JsonNode before = feed();
        rebuilds.stop();
        // As if this release added the feed: the store has never held it, nor heard of it.
        List.of("feed_entries", "feed_pages", "feed_spans", "feed_days").forEach(name -> viewsDatabase.getCollection(name).drop());
        viewsDatabase.getCollection("projection_generations").deleteOne(new Document("_id", LearningFeedProjection.NAME));

        rebuilds.start();

        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildOf(LearningFeedProjection.NAME)
                .path("state").asText()));
        assertThat(feed()).isEqualTo(before);
    }

    @Test
    @Order(1)
    void aProjectionWrittenInANewShapeByThisReleaseIsBuiltAfreshUnderItsNameBesideTheLiveOne() {
        // Found by review: a new shape was given a new name, whose generation 0 read the old one's plain collections
        // (or none, once the old name had been rebuilt twice) until it was built.
        String experimentId = PUBLISHED.get(0).aggregateId();
        JsonNode before = http.get("/api/experiments/" + experimentId, colleague).json();
        rebuilds.stop();
        viewsDatabase.getCollection("projection_generations").updateOne(new Document("_id",
                ExperimentTimelineProjection.NAME), new Document("$set", new Document("version", 1)));
        long live = viewsDatabase.getCollection("projection_generations").find(new Document("_id",
                ExperimentTimelineProjection.NAME)).first().get("live", Number.class).longValue();

        rebuilds.start();

        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildOf(ExperimentTimelineProjection.NAME)
                .path("state").asText()));
        Document stored = viewsDatabase.getCollection("projection_generations").find(new Document("_id",
                ExperimentTimelineProjection.NAME)).first();
        assertThat(stored.get("live", Number.class).longValue()).isGreaterThan(live);
        assertThat(stored.get("version", Number.class).intValue()).isEqualTo(timelines.version()).isGreaterThan(1);
        assertThat(http.get("/api/experiments/" + experimentId, colleague).json()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aRebuildFromTheTopicGivesTheSameTimelineAndTakesOverWithoutAFailedAnswer() throws Exception {
        String experimentId = PUBLISHED.get(0).aggregateId();
        JsonNode before = http.get("/api/experiments/" + experimentId, colleague).json();
        ReaderThread readers = new ReaderThread(http, colleague, "/api/experiments/" + experimentId);

        Answer started = http.post("/api/admin/projections/" + ExperimentTimelineProjection.NAME + "/rebuild", admin,
                "{\"source\":\"topic\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildOf(ExperimentTimelineProjection.NAME)
                .path("state").asText()));
        readers.stop();
        assertThat(readers.failures).isEmpty();
        assertThat(readers.answers).isGreaterThan(0);
        assertThat(http.get("/api/experiments/" + experimentId, colleague).json()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRebuildFromTheEventStoreAfterTheTopicLostItsEarlyRecordsShowsWhatTheLiveBuildShowed() throws Exception {
        JsonNode before = feed();
        deleteEverythingPublished();
        EVENT_STORE.serve(List.copyOf(PUBLISHED));
        ReaderThread readers = new ReaderThread(http, colleague, "/api/learning");

        Answer started = http.post("/api/admin/projections/" + LearningFeedProjection.NAME + "/rebuild", admin,
                "{\"source\":\"event-store\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(EVENT_STORE::isServing);
        assertThat(SignedJWT.parse(EVENT_STORE.authorization.substring("Bearer ".length())).getJWTClaimsSet()
                .getSubject()).as("read as this service: command-service lets no organisation's administrator read "
                        + "the store").isEqualTo(SERVICE);
        Answer second = http.post("/api/admin/projections/" + LearningFeedProjection.NAME + "/rebuild", admin, "{}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.isProblem()).isTrue();
        EVENT_STORE.finish();
        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildOf(LearningFeedProjection.NAME)
                .path("state").asText()));
        readers.stop();
        assertThat(readers.failures).isEmpty();
        assertThat(feed()).isEqualTo(before);
        JsonNode status = rebuildOf(LearningFeedProjection.NAME);
        assertThat(status.get("source").asText()).isEqualTo("event-store");
        assertThat(status.get("eventsDone").asLong()).isGreaterThanOrEqualTo(PUBLISHED.size());

        assertThat(http.get("/api/admin/projections/" + LearningFeedProjection.NAME, admin).json().get("complete")
                .asBoolean()).isTrue();

        publishOwn(learning(Instant.parse("2026-03-09T09:00:00Z"), null));
        await("the rebuilt generation goes on following the topic").atMost(PATIENCE).until(() -> feedSize() == 6);
    }

    @Test
    @Order(4)
    void aRebuildFromATopicThatLostItsEarlyRecordsSaysItIsIncomplete() {
        assertThat(http.get("/api/admin/projections/" + ExperimentTimelineProjection.NAME, admin).json().get("complete")
                .asBoolean()).as("rebuilt from the whole topic in order 2").isTrue();

        Answer started = http.post("/api/admin/projections/" + ExperimentTimelineProjection.NAME + "/rebuild", admin,
                "{\"source\":\"topic\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildOf(ExperimentTimelineProjection.NAME)
                .path("state").asText()));
        assertThat(http.get("/api/admin/projections/" + ExperimentTimelineProjection.NAME, admin).json().get("complete")
                .asBoolean(true)).isFalse();
    }

    @Test
    @Order(5)
    void aProjectionNewToADeploymentWhoseTopicLostItsEarlyRecordsBuildsItselfFromTheEventStoreAsThisService()
            throws Exception {
        JsonNode before = feed();
        EVENT_STORE.serve(List.copyOf(PUBLISHED));
        rebuilds.stop();
        // As if this release added the feed after the topic's retention ran out (order 3 cut the topic).
        List.of("feed_entries", "feed_pages", "feed_spans", "feed_days").forEach(name -> viewsDatabase.getCollection(name).drop());
        viewsDatabase.getCollection("projection_generations").deleteOne(new Document("_id", LearningFeedProjection.NAME));

        rebuilds.start();

        await().atMost(PATIENCE).until(EVENT_STORE::isServing);
        JWTClaimsSet asWho = SignedJWT.parse(EVENT_STORE.authorization.substring("Bearer ".length()))
                .getJWTClaimsSet();
        EVENT_STORE.finish();
        assertThat(asWho.getSubject()).as("read as this service, with its own token").isEqualTo(SERVICE);
        assertThat(asWho.getStringClaim("scope")).isEqualTo("events.read");
        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildOf(LearningFeedProjection.NAME)
                .path("state").asText()));
        assertThat(rebuildOf(LearningFeedProjection.NAME).get("source").asText()).isEqualTo("event-store");
        assertThat(feed()).isEqualTo(before);
        assertThat(http.get("/api/admin/projections/" + LearningFeedProjection.NAME, admin).json().get("complete")
                .asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void theHistoryNewToADeploymentWhoseTopicLostItsEarlyRecordsBuildsItselfFromTheEventStore() {
        // The colleague's own team: its counts as they are.
        String dashboard = "/api/dashboards/organisations/" + ANN.organisation() + "/teams/" + ANN.team();
        JsonNode before = http.get(dashboard, colleague).json();
        assertThat(before.get("totals").get("breakthroughs").asLong()).as(before.toString()).isEqualTo(6);
        EVENT_STORE.serve(List.copyOf(PUBLISHED));
        history.stop();
        // As if this release added the history after the topic's retention ran out: no checkpoint of it anywhere.
        viewsDatabase.getCollection("history_checkpoints").deleteMany(new Document());

        history.start();

        await().atMost(PATIENCE).until(EVENT_STORE::isServing);
        EVENT_STORE.finish();
        await().atMost(PATIENCE).until(history::isReady);
        JsonNode status = http.get("/api/admin/projections/history", admin).json();
        assertThat(status.get("events").asLong()).isEqualTo(PUBLISHED.size());
        assertThat(status.get("complete").asBoolean()).isTrue();
        JsonNode after = http.get(dashboard, colleague).json();
        ((ObjectNode) after).remove("asOf");
        ((ObjectNode) before).remove("asOf");
        assertThat(after).as("the same, but for the instant it answers").isEqualTo(before);
    }

    @Test
    @Order(7)
    void othersMayNotRebuildAndAnUnknownProjectionIsNotFound() {
        assertThat(http.post("/api/admin/projections/" + LearningFeedProjection.NAME + "/rebuild", colleague, "{}").status())
                .isEqualTo(403);
        assertThat(http.post("/api/admin/projections/NoSuchProjection/rebuild", admin, "{}").status())
                .isEqualTo(404);
        assertThat(rebuildOf("StoryProjection").path("state").asText("none")).as("nothing was started")
                .isEqualTo("none");
    }

    @Test
    @Order(8)
    void anInstanceOfTheReleaseBeforeGoesOnInItsOwnShapeWhenANewerReleaseMakesAnotherGenerationLive() {
        // Found walking through a rolling upgrade as an operator: within seconds the older release's instances
        // followed the generation a newer release had built in its new shape, writing it in theirs.
        String name = LearningFeedProjection.NAME;
        long live = generationsRecord(name).get("live", Number.class).longValue();
        int version = generationsRecord(name).get("version", Number.class).intValue();
        assertThat(generations.live(name)).isEqualTo(live);
        int before = feedSize();
        try {
            // As a newer release's rebuild leaves it: another generation live, in a newer shape.
            generationsRecords().updateOne(new Document("_id", name), new Document("$set",
                    new Document("live", live + 10).append("version", version + 1)));

            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                    .until(() -> generations.live(name) == live);
            // Nor does it rebuild it in its older shape over the newer one, asked by an administrator.
            Answer refused = http.post("/api/admin/projections/" + name + "/rebuild", admin, "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            publishOwn(learning(Instant.parse("2026-03-09T09:00:00Z"), PUBLISHED.get(0).aggregateId()));
            await().atMost(PATIENCE).until(() -> feedSize() == before + 1);
            assertThat(http.get("/api/admin/projections/" + name, admin).json().path("ready").asBoolean()).isTrue();
        } finally {
            generationsRecords().updateOne(new Document("_id", name), new Document("$set",
                    new Document("live", live).append("version", version)));
        }
    }

    @Test
    @Order(9)
    void anInstanceOfTheNewerReleaseIsNotReadyUntilAGenerationInItsShapeIsLiveAndBuildsOneWhenNobodyDoes() {
        // Found walking through a rolling upgrade as an operator: the newer release's first instance wrote the live
        // generation in its new shape while it built its own, and served it, ready, meanwhile.
        String name = ExperimentTimelineProjection.NAME;
        long live = generationsRecord(name).get("live", Number.class).longValue();
        int version = generationsRecord(name).get("version", Number.class).intValue();
        rebuilds.stop();
        // An older release's generation is live, and another instance of this release holds the claim to build.
        generationsRecords().updateOne(new Document("_id", name), new Document("$set", new Document("version",
                version - 1).append("builder", "another-instance").append("building", live + 1)
                .append("renewedAt", Instant.now().toEpochMilli())));

        rebuilds.start();

        Answer readiness = http.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
        assertThat(readiness.json().path("components").path("projections").path("details")
                .path("waitingForTheirShape").toString()).contains(name);
        assertThat(http.get("/api/admin/projections/" + name, admin).json().path("ready").asBoolean()).isFalse();
        Answer notServed = http.get("/api/experiments/" + PUBLISHED.get(0).aggregateId(), colleague);
        assertThat(notServed.status()).as("not read in a shape it is not in").isEqualTo(503);
        assertThat(notServed.header("Retry-After")).isEqualTo("5");

        // The other instance went away: its claim lapses, and this one builds the projection in its shape.
        generationsRecords().updateOne(new Document("_id", name), new Document("$set", new Document("renewedAt",
                Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli())));
        await().atMost(PATIENCE).until(() -> http.get("/actuator/health/readiness", null).status() == 200);
        Document built = generationsRecord(name);
        assertThat(built.get("version", Number.class).intValue()).isEqualTo(version);
        assertThat(built.get("live", Number.class).longValue()).isGreaterThan(live);
        assertThat(rebuildOf(name).path("state").asText()).isEqualTo("finished");
        assertThat(http.get("/api/admin/projections/" + name, admin).json().path("ready").asBoolean()).isTrue();
    }

    private com.mongodb.client.MongoCollection<Document> generationsRecords() {
        return viewsDatabase.getCollection("projection_generations");
    }

    private Document generationsRecord(String name) {
        return generationsRecords().find(new Document("_id", name)).first();
    }

    private JsonNode rebuildOf(String projection) {
        Answer answer = http.get("/api/admin/projections/" + projection, admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("rebuild");
    }

    private JsonNode feed() {
        Answer answer = http.get("/api/learning?size=100", colleague);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private int feedSize() {
        return feed().get("items").size();
    }

    private static void publishOwn(EventEnvelope envelope) {
        PUBLISHED.add(envelope);
        publishTo(OWN_TOPIC, envelope);
    }

    private static EventEnvelope learning(Instant at, String experimentId) {
        String learningId = UUID.randomUUID().toString();
        return envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, LearningKind.BREAKTHROUGH,
                "Kept at " + at, null, List.of("housing"), Perspective.PRACTITIONER, Visibility.TEAM, experimentId,
                null, null, ANN, at));
    }

    /** Removes every record the topic holds, as retention would have. */
    private static void deleteEverythingPublished() throws Exception {
        try (Admin kafka = Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            kafka.describeTopics(List.of(OWN_TOPIC)).allTopicNames().get().get(OWN_TOPIC).partitions()
                    .forEach(p -> latest.put(new TopicPartition(OWN_TOPIC, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> cut = new HashMap<>();
            kafka.listOffsets(latest).all().get().forEach((partition, end) ->
                    cut.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            kafka.deleteRecords(cut).all().get();
        }
    }
}
