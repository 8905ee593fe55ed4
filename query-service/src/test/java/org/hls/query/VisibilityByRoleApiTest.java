package org.hls.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hls.events.Actor;
import org.hls.events.EventJson;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.SessionOpened;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.Http.EventStream;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * For each role, nobody reads what they may not: in the feed, the dashboards' counts and recent lists (system,
 * organisation, team, filtered), their streams, the exports, and an action learning set's content. One author
 * records learning at each visibility and presents a problem in a set. An analyst reads every dashboard's numbers;
 * analysts and leaders export, with each person a pseudonym.
 */
@IntegrationTest
class VisibilityByRoleApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORG = "org-" + RUN;
    private static final Actor AUTHOR = new Actor("author-" + RUN, "Author", ORG, "team-a", "fife");
    private static final Map<Visibility, String> LEARNING = Map.of(
            Visibility.PRIVATE, "private-" + RUN, Visibility.TEAM, "team-" + RUN,
            Visibility.ORGANISATION, "organisation-" + RUN, Visibility.SYSTEM, "system-" + RUN);
    private static final String SET = "set-" + RUN;
    private static final String PROBLEM = "A confidential problem " + RUN;

    @LocalServerPort
    int port;

    private Http http;

    private static boolean recorded;

    /** Once, after the service (and its topic) is up. */
    private static void recordOnce() {
        if (recorded) {
            return;
        }
        recorded = true;
        LEARNING.forEach((visibility, id) -> publish(envelope(id, 0, nextPosition(), new LearningRecorded(id,
                LearningKind.REFLECTION, "Summary " + id, null, List.of(), Perspective.PRACTITIONER, visibility, null,
                null, null, AUTHOR, AT))));
        Actor facilitator = new Actor("fac-" + RUN, "Fac", ORG, "team-f", "fife");
        publish(envelope(SET, 0, nextPosition(), new ActionLearningSetFormed(SET, "Set", facilitator.personId(),
                        List.of(AUTHOR.personId(), "m2-" + RUN, "m3-" + RUN), facilitator, AT)),
                envelope(SET, 1, nextPosition(), new SessionOpened(SET, 1, facilitator, AT)),
                envelope(SET, 2, nextPosition(), new ProblemPresented(SET, 1, AUTHOR.personId(), PROBLEM, AUTHOR,
                        AT)));
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        awaitReady(port); // a stream starts once the history has caught up
        recordOnce();
    }

    @Test
    void aServicesTokenThatNamesNoPersonReadsNothing() throws Exception {
        // Noticed with query-service's own client: a token of the client credentials grant read what is shared
        // with the whole system, as if it were a person of no organisation.
        String tokenUri = STACK.tokens().serviceClient("reader-service-test", "its-secret", "events.read");
        String service = EventJson.toTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(tokenUri)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&client_id=reader-service-test&client_secret=its-secret")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();

        for (String path : List.of("/api/dashboards/system", "/api/learning", "/api/exchange/themes",
                "/api/analytics/practice-change")) {
            Answer answer = http.get(path, service);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.isProblem()).as(path).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"author", "teammate", "colleague", "facilitator", "leader", "analyst", "admin",
            "elsewhere"})
    void eachRoleReadsOnlyWhatItMay(String role) {
        Actor reader = readerFor(role);
        String token = STACK.tokens().issue(reader.personId(), reader.name(), List.of(roleClaim(role)),
                reader.organisation(), reader.team(), reader.place());
        List<String> expected = LEARNING.entrySet().stream()
                .filter(entry -> entry.getKey().admits(AUTHOR, reader)).map(Map.Entry::getValue).sorted().toList();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(feedIds(token)).containsExactlyInAnyOrderElementsOf(
                expected));
        // Found by review: the feed is another consumer's; until the dashboard lists this run's entry shared with
        // everyone, nothing it leaves out is shown to be left out.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/dashboards/system", token).body())
                .contains("Summary system-" + RUN));
        Answer dashboard = http.get("/api/dashboards/system", token);
        assertThat(dashboard.body()).doesNotContain("Summary private-" + RUN, "Summary team-" + RUN,
                "Summary organisation-" + RUN, PROBLEM);
        try (EventStream stream = http.stream("/api/dashboards/system/stream", token)) {
            await().atMost(PATIENCE).until(() -> !stream.data().isEmpty());
            assertThat(String.join("\n", stream.data())).doesNotContain("Summary private-" + RUN,
                    "Summary team-" + RUN, "Summary organisation-" + RUN, PROBLEM);
        }
        String organisationDashboard = "/api/dashboards/organisations/" + ORG;
        String teamDashboard = organisationDashboard + "/teams/team-a";
        boolean member = ORG.equals(reader.organisation());
        boolean teamMember = member && "team-a".equals(reader.team());
        boolean analyst = role.equals("analyst");
        assertThat(http.get(organisationDashboard, token).status()).isEqualTo(member || analyst ? 200 : 403);
        assertThat(http.get(teamDashboard, token).status()).isEqualTo(teamMember || analyst ? 200 : 403);
        if (!teamMember && !analyst) {
            assertThat(http.get(teamDashboard + "/stream", token).status()).isEqualTo(403);
        }
        boolean exports = role.equals("leader") || analyst;
        for (String export : List.of("/api/export/learning?organisation=" + ORG,
                "/api/export/learning?format=csv&organisation=" + ORG, "/api/export/experiments?organisation=" + ORG)) {
            Answer exported = http.get(export, token);
            assertThat(exported.status()).as(export).isEqualTo(exports ? 200 : 403);
            assertShowsOnlyWhatTheReaderMayRead(exported.body(), reader);
            assertThat(exported.body()).as("no one's id or name").doesNotContain(AUTHOR.personId(), "Author");
        }
        if (exports) {
            List<String> shared = expected.stream().filter(id -> !id.startsWith("private-")).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/export/learning?organisation="
                    + ORG, token).body().lines().map(line -> line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
                    .sorted().toList()).isEqualTo(shared));
        }
        for (String dashboardPath : List.of(organisationDashboard, teamDashboard,
                "/api/dashboards/system?organisation=" + ORG + "&team=team-a")) {
            assertShowsOnlyWhatTheReaderMayRead(http.get(dashboardPath, token).body(), reader);
        }
        if (teamMember) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get(teamDashboard, token).body())
                    .contains("Summary team-" + RUN, "Summary organisation-" + RUN, "Summary system-" + RUN));
            try (EventStream stream = http.stream(teamDashboard + "/stream", token)) {
                await().atMost(PATIENCE).until(() -> !stream.data().isEmpty());
                assertThat(String.join("\n", stream.data())).contains("Summary team-" + RUN);
                assertShowsOnlyWhatTheReaderMayRead(String.join("\n", stream.data()), reader);
            }
        }
        Answer set = http.get("/api/sets/" + SET, token);
        if (role.equals("author")) {
            assertThat(set.body()).contains(PROBLEM);
        } else {
            assertThat(set.status()).isEqualTo(403);
            assertThat(set.body()).doesNotContain(PROBLEM);
        }
    }

    /** Private learning is on no dashboard, and nothing is shown to anyone its visibility does not admit. */
    private static void assertShowsOnlyWhatTheReaderMayRead(String body, Actor reader) {
        assertThat(body).doesNotContain("Summary private-" + RUN, PROBLEM);
        LEARNING.forEach((visibility, id) -> {
            if (!visibility.admits(AUTHOR, reader)) {
                assertThat(body).doesNotContain("Summary " + id);
            }
        });
    }

    private List<String> feedIds(String token) {
        Answer feed = http.get("/api/learning?size=100", token);
        assertThat(feed.status()).isEqualTo(200);
        return feed.json().get("items").findValuesAsText("id").stream().filter(id -> id.endsWith(RUN)).sorted()
                .toList();
    }

    private static Actor readerFor(String role) {
        return switch (role) {
            case "author" -> AUTHOR;
            case "teammate" -> new Actor("mate-" + RUN, "Mate", ORG, "team-a", "fife");
            case "colleague" -> new Actor("colleague-" + RUN, "Colleague", ORG, "team-b", "fife");
            case "facilitator" -> new Actor("facilitator-" + RUN, "Facilitator", ORG, "team-f", "fife");
            case "leader" -> new Actor("leader-" + RUN, "Leader", ORG, "board", "fife");
            case "analyst" -> new Actor("analyst-" + RUN, "Analyst", "health-board", "insight", "fife");
            case "admin" -> new Actor("admin-" + RUN, "Admin", "council", "digital", "fife");
            default -> new Actor("far-" + RUN, "Far", "elsewhere-council", "team-a", "tayside");
        };
    }

    private static String roleClaim(String role) {
        return switch (role) {
            case "facilitator" -> "FACILITATOR";
            case "leader" -> "LEADER";
            case "analyst" -> "ANALYST";
            case "admin" -> "ADMIN";
            default -> "PRACTITIONER";
        };
    }
}
