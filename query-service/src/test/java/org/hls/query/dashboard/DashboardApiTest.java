package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;
import static org.hls.query.support.Events.learning;
import static org.hls.query.support.Events.proposed;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import org.hls.events.Actor;
import org.hls.events.EventEnvelope;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.infra.embedded.DevTokenIssuer;
import org.hls.query.history.LiveHistory;
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
    @Autowired
    LiveHistory history;
    @Value("${hls.dashboard.streams-per-person}")
    int streamsPerPerson;

    /** The whole-system dashboard narrowed to the team {@code Events.learning} records in: exact to its members. */
    private static final String ALICES_TEAM = "/api/dashboards/system?organisation=org-a&team=team-1";
    private static final String ALICES_TEAM_STREAM = "/api/dashboards/system/stream?organisation=org-a&team=team-1";

    private Http http;
    private String leader;
    private String alicesTeamMate;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        awaitReady(port); // a stream starts once the history has caught up
        leader = STACK.tokens().issue("lena", "Lena", List.of("LEADER"), "council", "board", "fife");
        alicesTeamMate = STACK.tokens().issue("bo", "Bo", List.of("PRACTITIONER"), "org-a", "team-1", "fife");
    }

    @Test
    void everyUnusableFilterIsRefusedByName() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("from=last-week", "from"),
                Map.entry("from=2026-11-02&to=2026-11-01", "from"),
                Map.entry("to=2026-13-01", "to"),
                Map.entry("to=-999999999-01-01", "to"),
                Map.entry("from=2026-11-01T25:00:00Z", "from"),
                Map.entry("theme=" + "x".repeat(101), "theme"),
                Map.entry("place=fife%00", "place"),
                Map.entry("organisation=%0Aorg", "organisation"),
                Map.entry("asOf=2026-01-01", "asOf"),
                Map.entry("asOf=yesterday", "asOf"),
                Map.entry("asOf=2999-01-01T00:00:00Z", "asOf"));
        assertThat(http.get("/api/dashboards/system/stream?asOf=2026-01-01T00:00:00Z", leader).status())
                .as("a stream shows the present").isEqualTo(400);
        refused.forEach((filter, field) -> {
            Answer answer = http.get("/api/dashboards/system?" + filter, leader);
            assertThat(answer.status()).as(filter).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("errors").get(0).get("field").asText()).as(filter).isEqualTo(field);
            assertThat(answer.body()).doesNotContain("Exception");
        });
        assertThat(http.get("/api/dashboards/organisations/council?organisation=other",
                STACK.tokens().issue("cara", "Cara", List.of("PRACTITIONER"), "council", "a", "fife")).status())
                .isEqualTo(400);
    }

    @Test
    void aStreamEndsWhenTheTokenItWasOpenedWithExpires() {
        // Found by an outside client: streams outlived their token's expiry.
        Instant now = Instant.now();
        String shortLived = STACK.tokens().signExactly(new JWTClaimsSet.Builder().issuer(STACK.tokens().issuer())
                .audience(DevTokenIssuer.AUDIENCE).subject("sid").claim("roles", List.of("LEADER"))
                .claim("organisation", "council").claim("team", "board").claim("place", "fife")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3))).build());

        try (EventStream stream = http.stream("/api/dashboards/system/stream", shortLived)) {
            await().atMost(PATIENCE).until(() -> !stream.data().isEmpty());

            await("the stream ends with its token").atMost(Duration.ofSeconds(15)).until(stream.ended()::isDone);
        }
    }

    @Test
    void aPersonMayFollowOnlySoManyDashboardsAtOnce() throws Exception {
        // Found by an outside client: one person held 700 streams open.
        String token = STACK.tokens().issue("tabs", "Tabs", List.of("LEADER"), "council", "board", "fife");
        List<EventStream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < streamsPerPerson; i++) {
                EventStream stream = http.stream("/api/dashboards/system/stream", token);
                open.add(stream);
                assertThat(stream.status().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }

            try (EventStream oneMore = http.stream("/api/dashboards/system/stream", token)) {
                assertThat(oneMore.status().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(429);
            }
            Answer refused = http.get("/api/dashboards/system/stream", token);
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.isProblem()).isTrue();

            open.remove(0).close();
            await("a closed stream frees its place").atMost(PATIENCE).until(() -> {
                EventStream again = http.stream("/api/dashboards/system/stream", token);
                open.add(again);
                return again.status().get(10, java.util.concurrent.TimeUnit.SECONDS) == 200;
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void aThemeFilterFindsTheThemeHoweverItsAccentOrSpacesWereTyped() {
        // The command side records text composed (NFC): "café" with é as one letter; a filter typed with e and a
        // combining accent (as some keyboards send it) asks for the same theme.
        String organisation = "org-" + UUID.randomUUID();
        Actor mo = new Actor("mo", "Mo", organisation, "team-1", "fife");
        publish(learningBy(mo, LearningKind.BREAKTHROUGH, Visibility.SYSTEM, "caf\u00E9"));
        publish(learningBy(mo, LearningKind.REFLECTION, Visibility.SYSTEM, "family support"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(learningTotals(http.get(
                "/api/dashboards/system?organisation=" + organisation + "&team=team-1&theme=Cafe%CC%81", token(mo))))
                .containsExactly(1L, 0L, 0L));
        // Found in review: the command side records one space for each run of them; a filter typed with two found
        // nothing.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(learningTotals(http.get(
                "/api/dashboards/system?organisation=" + organisation + "&team=team-1&theme=Family%20%20support",
                token(mo)))).containsExactly(0L, 0L, 1L));
    }

    @Test
    void filtersCombineOverHttpAndOverTheStream() {
        String organisation = "org-" + UUID.randomUUID();
        Actor member = new Actor("mo", "Mo", organisation, "team-1", "fife");
        Actor teamMate = new Actor("tess", "Tess", organisation, "team-2", "fife");
        String memberToken = token(member);
        // A team's own counts, as its member reads them: from outside it they are under small-number control.
        String team = "/api/dashboards/system?organisation=" + organisation + "&team=team-1";
        try (EventStream stream = http.stream("/api/dashboards/system/stream?organisation=" + organisation
                + "&team=team-1&theme=Housing", memberToken)) {
            await().atMost(PATIENCE).until(() -> !stream.data().isEmpty());

            // Shared with the whole system: a theme filter counts only what every reader may read.
            publish(learningBy(member, LearningKind.BREAKTHROUGH, Visibility.SYSTEM, "housing"),
                    learningBy(member, LearningKind.REFLECTION, Visibility.SYSTEM, "food"),
                    learningBy(member, LearningKind.DISAPPOINTMENT, Visibility.TEAM, "housing"),
                    learningBy(teamMate, LearningKind.DISAPPOINTMENT, Visibility.SYSTEM, "housing"));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(learningTotals(http.get(team, memberToken)))
                    .containsExactly(1L, 1L, 1L));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(learningTotals(http.get(
                    team + "&theme=housing&from=2026-01-01&to=2099-12-31", memberToken))).containsExactly(1L, 0L, 0L));
            assertThat(learningTotals(http.get(team + "&to=2020-01-01", memberToken))).containsExactly(0L, 0L, 0L);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(stream.last().get("totals").get("breakthroughs")
                    .asLong() + stream.last().get("totals").get("disappointments").asLong()).isEqualTo(1));
            assertThat(stream.last().get("filters").get("theme").asText()).isEqualTo("housing");
            JsonNode organisationWide = http.get("/api/dashboards/system?organisation=" + organisation, memberToken)
                    .json();
            assertThat(organisationWide.get("smallNumbers").isNull()).as("the organisation holds another team")
                    .isFalse();
            assertThat(organisationWide.get("totals").get("experimentsProposed").isNull()).as("none").isTrue();
        }
    }

    @Test
    void organisationAndTeamDashboardsAreForTheirMembers() {
        String organisation = "org-" + UUID.randomUUID();
        Actor member = new Actor("mo", "Mo", organisation, "team-1", "fife");
        Actor teamMate = new Actor("tess", "Tess", organisation, "team-2", "fife");
        String teamPath = "/api/dashboards/organisations/" + organisation + "/teams/team-1";
        publish(learningBy(member, LearningKind.BREAKTHROUGH, Visibility.TEAM, "housing"),
                learningBy(teamMate, LearningKind.DISAPPOINTMENT, Visibility.ORGANISATION, "housing"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(learningTotals(http.get(teamPath, token(member))))
                .containsExactly(1L, 0L, 0L));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recentKinds(http.get(
                "/api/dashboards/organisations/" + organisation, token(teamMate)))).containsExactly("DISAPPOINTMENT"));

        assertThat(recentKinds(http.get(teamPath, token(member)))).containsExactly("BREAKTHROUGH");
        assertThat(recentKinds(http.get("/api/dashboards/system?organisation=" + organisation, leader))).isEmpty();
        assertThat(http.get(teamPath, token(teamMate)).status()).isEqualTo(403);
        assertThat(http.get("/api/dashboards/organisations/" + organisation, leader).status()).isEqualTo(403);
        assertThat(http.get(teamPath + "/stream", leader).status()).isEqualTo(403);
        assertThat(http.get("/api/dashboards/organisations/" + organisation + "/stream", leader).isProblem())
                .isTrue();
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
        try (EventStream stream = http.stream(ALICES_TEAM_STREAM, alicesTeamMate)) {
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

        await().atMost(PATIENCE).until(() -> caughtUp(history));
        assertThat(totals()).isEqualTo(plus(before, 0, 1, 0, 0));
    }

    @Test
    void eventsPublishedWhileTheHistoryIsStoppedAreCountedOnceAfterItRestartsFromItsCheckpoint() {
        Map<String, Long> before = totals();
        history.stop();
        listeners.getListenerContainer(groupId).stop();
        try {
            for (int i = 0; i < 5; i++) {
                publish(learningEnvelope(LearningKind.REFLECTION, Visibility.SYSTEM));
            }
            assertThat(totals()).isEqualTo(before);
        } finally {
            listeners.getListenerContainer(groupId).start();
            history.start();
        }

        await().atMost(PATIENCE).until(() -> caughtUp(history) && caughtUp(groupId));
        assertThat(totals()).isEqualTo(plus(before, 0, 0, 0, 5));
    }

    @Test
    void theDashboardsKeepCountingWhileTheStoreIsDownAndTheOtherViewsCatchUpOnceItIsBack() {
        Map<String, Long> before = totals();
        STACK.store().stop();
        try {
            publish(learningEnvelope(LearningKind.DISAPPOINTMENT, Visibility.SYSTEM),
                    learningEnvelope(LearningKind.DISAPPOINTMENT, Visibility.SYSTEM));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(totals()).isEqualTo(plus(before, 0, 0, 2, 0)));
        } finally {
            STACK.store().start();
        }

        await().atMost(PATIENCE).until(() -> caughtUp(history) && caughtUp(groupId));
        assertThat(totals()).isEqualTo(plus(before, 0, 0, 2, 0));
    }

    @Test
    void metricsCountProjectedEventsAndTimeTheirWayToTheScreens() {
        publish(learningEnvelope(LearningKind.BREAKTHROUGH, Visibility.TEAM));

        await().atMost(PATIENCE).untilAsserted(() -> {
            String metrics = http.get("/actuator/prometheus", null).body();
            assertThat(metrics).contains("hls_events_projected_total").contains("kafka_consumer_")
                    .containsPattern("(?m)^hls_dashboard_streams(\\{[^}]*})? \\d");
            // What an operator's dashboard shows: the event's way from the topic to the views, and on to the screens.
            assertThat(metric(metrics, "hls_projection_delay_seconds_count")).isPositive();
            assertThat(metric(metrics, "hls_dashboard_push_delay_seconds_count")).isPositive();
        });
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    }

    private static double metric(String metrics, String name) {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(2)) : 0;
    }

    private Map<String, Long> totals() {
        Answer answer = http.get(ALICES_TEAM, alicesTeamMate);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("smallNumbers").isNull()).isTrue();
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

    private static String token(Actor actor) {
        return STACK.tokens().issue(actor.personId(), actor.name(), List.of("PRACTITIONER"), actor.organisation(),
                actor.team(), actor.place());
    }

    /** Breakthroughs, disappointments and reflections. */
    private static List<Long> learningTotals(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode totals = answer.json().get("totals");
        return List.of(totals.get("breakthroughs").asLong(), totals.get("disappointments").asLong(),
                totals.get("reflections").asLong());
    }

    private static List<String> recentKinds(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> kinds = new java.util.ArrayList<>();
        answer.json().get("recent").forEach(item -> kinds.add(item.get("kind").asText()));
        return kinds;
    }

    private static EventEnvelope learningBy(Actor author, LearningKind kind, Visibility visibility, String theme) {
        String learningId = UUID.randomUUID().toString();
        return envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, kind, "Learnt " + kind,
                null, List.of(theme), Perspective.PRACTITIONER, visibility, null, null, null, author,
                Instant.now()));
    }

    private static EventEnvelope learningEnvelope(LearningKind kind, Visibility visibility) {
        String learningId = UUID.randomUUID().toString();
        return envelope(learningId, 0, nextPosition(),
                learning(learningId, kind, Perspective.PRACTITIONER, visibility, "housing"));
    }
}
