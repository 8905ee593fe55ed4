package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;
import static org.hls.query.support.Events.learning;
import static org.hls.query.support.Events.proposed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.EventEnvelope;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.Http.EventStream;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

@IntegrationTest
class DashboardApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    private Http http;
    private String leader;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        leader = STACK.tokens().issue("lena", "Lena", List.of("LEADER"), "council", "board", "fife");
    }

    @Test
    void filtersNotYetBuiltAreRefusedNotIgnored() {
        for (String filter : List.of("theme=housing", "organisation=council&team=a", "from=2026-01-01T00:00:00Z",
                "asOf=2026-01-01T00:00:00Z")) {
            Answer answer = http.get("/api/dashboards/system?" + filter, leader);
            assertThat(answer.status()).as(filter).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("detail").asText()).contains("cannot be filtered");
        }
    }

    @Test
    void theDashboardNeedsAToken() {
        Answer answer = http.get("/api/dashboards/system", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void totalsFollowTheEventsOverHttpAndOverTheStream() {
        Map<String, Long> before = totals();
        try (EventStream stream = http.stream("/api/dashboards/system/stream", leader)) {
            await().atMost(PATIENCE).until(() -> !stream.data().isEmpty());

            String experimentId = UUID.randomUUID().toString();
            publish(envelope(experimentId, 0, nextPosition(), proposed(experimentId, Visibility.SYSTEM)),
                    learningEnvelope(LearningKind.BREAKTHROUGH, Visibility.SYSTEM),
                    learningEnvelope(LearningKind.DISAPPOINTMENT, Visibility.TEAM),
                    learningEnvelope(LearningKind.REFLECTION, Visibility.ORGANISATION));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(totals())
                    .isEqualTo(plus(before, 1, 1, 1, 1)));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(counts(stream.last().get("totals")))
                    .isEqualTo(plus(before, 1, 1, 1, 1)));
        }
    }

    @Test
    void anEventPublishedTwiceIsCountedOnce() {
        Map<String, Long> before = totals();
        EventEnvelope breakthrough = learningEnvelope(LearningKind.BREAKTHROUGH, Visibility.TEAM);

        publish(breakthrough);
        publish(breakthrough);

        await().atMost(PATIENCE).until(() -> caughtUp(groupId));
        assertThat(totals()).isEqualTo(plus(before, 0, 1, 0, 0));
    }

    @Test
    void eventsPublishedWhileTheConsumerIsStoppedAreProjectedOnceAfterItRestarts() {
        Map<String, Long> before = totals();
        listeners.getListenerContainer(groupId).stop();
        try {
            for (int i = 0; i < 5; i++) {
                publish(learningEnvelope(LearningKind.REFLECTION, Visibility.SYSTEM));
            }
            assertThat(totals()).isEqualTo(before);
        } finally {
            listeners.getListenerContainer(groupId).start();
        }

        await().atMost(PATIENCE).until(() -> caughtUp(groupId));
        assertThat(totals()).isEqualTo(plus(before, 0, 0, 0, 5));
    }

    @Test
    void eventsArrivingWhileTheStoreIsDownAreProjectedOnceItIsBack() {
        Map<String, Long> before = totals();
        STACK.store().stop();
        try {
            publish(learningEnvelope(LearningKind.DISAPPOINTMENT, Visibility.SYSTEM),
                    learningEnvelope(LearningKind.DISAPPOINTMENT, Visibility.SYSTEM));
            assertThat(http.get("/api/dashboards/system", leader).status()).isEqualTo(503);
        } finally {
            STACK.store().start();
        }

        await().atMost(PATIENCE).until(() -> caughtUp(groupId));
        assertThat(totals()).isEqualTo(plus(before, 0, 0, 2, 0));
    }

    @Test
    void metricsCountProjectedEvents() {
        publish(learningEnvelope(LearningKind.BREAKTHROUGH, Visibility.TEAM));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/actuator/prometheus", null).body())
                .contains("hls_events_projected_total").contains("kafka_consumer_"));
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    }

    private Map<String, Long> totals() {
        Answer answer = http.get("/api/dashboards/system", leader);
        assertThat(answer.status()).isEqualTo(200);
        return counts(answer.json().get("totals"));
    }

    private static Map<String, Long> counts(JsonNode totals) {
        Map<String, Long> counts = new TreeMap<>();
        totals.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private static Map<String, Long> plus(Map<String, Long> before, int experiments, int breakthroughs,
                                          int disappointments, int reflections) {
        Map<String, Long> after = new TreeMap<>(before);
        after.merge("experimentsProposed", (long) experiments, Long::sum);
        after.merge("breakthroughs", (long) breakthroughs, Long::sum);
        after.merge("disappointments", (long) disappointments, Long::sum);
        after.merge("reflections", (long) reflections, Long::sum);
        return after;
    }

    private static EventEnvelope learningEnvelope(LearningKind kind, Visibility visibility) {
        String learningId = UUID.randomUUID().toString();
        return envelope(learningId, 0, nextPosition(),
                learning(learningId, kind, Perspective.PRACTITIONER, visibility, "housing"));
    }
}
