package org.hls.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.Actor;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.history.LiveHistory;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.support.EventStoreStandIn;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.ReaderThread;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Administrators see the projections and rebuild the history beside the live one: from the topic, or from the event
 * store (here a stand-in for command-service's replay, which serves a history the topic never carried and holds its
 * answer open until the test lets it finish). Dashboards keep answering throughout, and the rebuilt history takes
 * over in one step.
 */
@IntegrationTest
class ProjectionAdminApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Actor ANN = new Actor("ann", "Ann", "org-replay", "team-1", "fife");
    private static final EventStoreStandIn EVENT_STORE = new EventStoreStandIn();

    @LocalServerPort
    int port;
    @Autowired
    LiveHistory history;

    private Http http;
    private String admin;
    private String leader;

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        registry.add("hls.event-store.url", EVENT_STORE::url);
        // A context of its own beside the other tests': its history keeps checkpoints of its own.
        registry.add("hls.history.checkpoint-id", () -> "projection-admin-test");
    }

    @AfterAll
    static void stopEventStore() {
        EVENT_STORE.stop();
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        admin = STACK.tokens().operator("ada", "Ada");
        leader = STACK.tokens().issue("lena", "Lena", List.of("LEADER"), "council", "board", "fife");
        await().atMost(PATIENCE).until(() -> http.get("/api/admin/projections/history", admin).json()
                .path("rebuild").path("state").asText("none").matches("none|finished|failed"));
        awaitReady(port); // a fresh context's history reads the topic first
    }

    @Test
    void anAdministratorSeesEveryProjectionAndOthersNothing() throws Exception {
        Answer answer = http.get("/api/admin/projections", admin);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().findValuesAsText("name")).contains("history", LearningFeedProjection.NAME);
        assertThat(http.get("/api/admin/projections/history", admin).json().get("ready").asBoolean()).isTrue();
        assertThat(http.get("/api/admin/projections", leader).status()).isEqualTo(403);
        // An organisation's administrator: the projections are every organisation's, a rebuild the whole platform's.
        String organisationsAdministrator = STACK.tokens().issue("abe", "Abe", List.of("ADMIN"), "it", "ops", "fife");
        Answer refused = http.get("/api/admin/projections", organisationsAdministrator);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(http.post("/api/admin/projections/history/rebuild", organisationsAdministrator, "{}").status())
                .isEqualTo(403);
        // The operator is a person too: a token with the role and the scope but of no organisation reads nothing.
        assertThat(http.get("/api/admin/projections", devToken("""
                {"sub":"nobody","roles":["ADMIN"],"scope":"projections.manage"}""")).status()).isEqualTo(403);
        assertThat(http.get("/api/admin/projections/history", leader).status()).isEqualTo(403);
        assertThat(http.post("/api/admin/projections/history/rebuild", leader, "{}").status()).isEqualTo(403);
        assertThat(http.get("/api/admin/projections/nothing-of-that-name", admin).status()).isEqualTo(404);
        assertThat(http.post("/api/admin/projections/nothing-of-that-name/rebuild", admin, "{}").status())
                .isEqualTo(404);
        Answer badSource = http.post("/api/admin/projections/history/rebuild", admin, "{\"source\":\"somewhere\"}");
        assertThat(badSource.status()).isEqualTo(400);
        assertThat(badSource.isProblem()).isTrue();
        // Found in review: the refusal named no field, and its words were never said.
        assertThat(badSource.json().path("errors").path(0).path("field").asText()).isEqualTo("source");
        assertThat(badSource.json().path("errors").path(0).path("message").asText())
                .isEqualTo("must be topic or event-store");
        // Found in review: a rebuild asked for in a format it is not answered in was started, then answered 406.
        assertThat(http.post("/api/admin/projections/history/rebuild", admin, "text/csv", "{}").status())
                .isEqualTo(406);
        assertThat(http.post("/api/admin/projections/" + LearningFeedProjection.NAME + "/rebuild", admin,
                "{\"source\":\"somewhere\"}").status()).isEqualTo(400);
        assertThat(http.get("/api/admin/projections/history", admin).json().path("rebuild").path("state")
                .asText("none")).as("nothing was started by a refused call").isNotEqualTo("running");
    }

    @Test
    void aRebuildFromTheTopicGivesTheSameDashboardsAndTakesOverWithoutAFailedAnswer() throws Exception {
        publish(learning(UUID.randomUUID().toString(), Instant.now()));
        await().atMost(PATIENCE).until(() -> caughtUp(history));
        JsonNode before = withoutAsOf(dashboard());
        ReaderThread readers = new ReaderThread(http, leader, "/api/dashboards/system");

        Answer started = http.post("/api/admin/projections/history/rebuild", admin, "{\"source\":\"topic\"}");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("rebuild").get("source").asText()).isEqualTo("topic");
        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildState()));
        readers.stop();
        assertThat(readers.failures).isEmpty();
        assertThat(readers.answers).isGreaterThan(0);
        assertThat(withoutAsOf(dashboard())).isEqualTo(before);
    }

    @Test
    void aRebuildFromTheEventStoreCountsWhatTheTopicNeverCarriedAndASecondOneWaits() throws Exception {
        List<EventEnvelope> stored = new ArrayList<>(publishedSoFar());
        stored.add(learning(UUID.randomUUID().toString(), Instant.now()));
        EVENT_STORE.serve(stored);
        long before = breakthroughsOfAnnsTeam();
        ReaderThread readers = new ReaderThread(http, leader, "/api/dashboards/system");
        Http.EventStream followed = http.stream("/api/dashboards/system/stream?organisation=" + ANN.organisation()
                + "&team=" + ANN.team(), teamMate());
        await().atMost(PATIENCE).until(() -> !followed.data().isEmpty());

        // This query-service has no client of its own: it reads the store with the platform operator's token.
        Answer started = http.post("/api/admin/projections/history/rebuild", admin,
                "{\"source\":\"event-store\"}");

        assertThat(started.status()).isEqualTo(202);
        await().atMost(PATIENCE).until(EVENT_STORE::isServing);
        assertThat(EVENT_STORE.authorization).isEqualTo("Bearer " + admin);
        Answer second = http.post("/api/admin/projections/history/rebuild", admin, "{}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.isProblem()).isTrue();
        assertThat(rebuildState()).isEqualTo("running");
        assertThat(breakthroughsOfAnnsTeam()).as("the live history answers meanwhile").isEqualTo(before);

        EVENT_STORE.finish();
        await().atMost(PATIENCE).until(() -> "finished".equals(rebuildState()));
        readers.stop();
        assertThat(readers.failures).isEmpty();
        assertThat(breakthroughsOfAnnsTeam()).isEqualTo(before + 1);
        // Asked by review: a stream open across the switch shows what the rebuilt history counts, with no event since.
        try (followed) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(followed.last().get("totals")
                    .get("breakthroughs").asLong()).isEqualTo(before + 1));
        }
    }

    @Test
    void aRebuildFromTheEventStoreThatNobodyHereMayReadIsRefusedAtOnce() {
        // No client of its own, and an operator's tool granted the projections only, which command-service would refuse.
        String projectionsOnly = STACK.tokens().operator("rebuilder", "Rebuilder", "projections.manage");
        Answer refused = http.post("/api/admin/projections/history/rebuild", projectionsOnly,
                "{\"source\":\"event-store\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains("events.read");
        assertThat(rebuildState()).as("nothing was started").isNotEqualTo("running");
    }

    /** A token as the development issuer signs {@code claims}. */
    private static String devToken(String claims) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(STACK.tokens().baseUrl() + "/dev/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(claims)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return EventJson.toTree(answer.body()).get("access_token").asText();
    }

    /** Everything on the topic, in global position order: all of it is in the event store too. */
    private static List<EventEnvelope> publishedSoFar() {
        java.util.Map<String, Object> config = java.util.Map.of("bootstrap.servers", STACK.kafka().bootstrapServers());
        List<EventEnvelope> all = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> all.add(EventJson.read(record.value())));
            }
        }
        all.sort(java.util.Comparator.comparingLong(EventEnvelope::globalPosition));
        return all;
    }

    private String rebuildState() {
        return http.get("/api/admin/projections/history", admin).json().path("rebuild").path("state").asText();
    }

    private JsonNode dashboard() {
        Answer answer = http.get("/api/dashboards/system", leader);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** As a member of Ann's team reads them: exact (anyone outside it reads them under small-number control). */
    private static String teamMate() {
        return STACK.tokens().issue("al", "Al", List.of("PRACTITIONER"), ANN.organisation(), ANN.team(), "fife");
    }

    private long breakthroughsOfAnnsTeam() {
        JsonNode dashboard = http.get("/api/dashboards/system?organisation=" + ANN.organisation() + "&team="
                + ANN.team(), teamMate()).json();
        assertThat(dashboard.get("smallNumbers").isNull()).isTrue();
        return dashboard.get("totals").get("breakthroughs").asLong();
    }

    private static JsonNode withoutAsOf(JsonNode dashboard) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) dashboard).remove("asOf");
        return dashboard;
    }

    private static EventEnvelope learning(String learningId, Instant at) {
        return envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, LearningKind.BREAKTHROUGH,
                "Kept", null, List.of("housing"), Perspective.PRACTITIONER, Visibility.SYSTEM, null, null, null, ANN,
                at), at);
    }
}
