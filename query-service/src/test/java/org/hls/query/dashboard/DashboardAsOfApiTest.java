package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.history.LiveHistory;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A scripted history recorded in steps: after each step, once the live dashboards have caught up, their answers are
 * captured. Asked afterwards with {@code asOf} set to the instant each answer gave, every dashboard answers exactly
 * what it answered then, byte for byte, with every filter; except that words of someone who withdrew consent since
 * read {@code [withdrawn]}, and of learning retracted since {@code [retracted]}.
 */
@IntegrationTest
class DashboardAsOfApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    LiveHistory history;

    @Test
    void everyDashboardAskedAsOfAnInstantAnswersWhatItAnsweredThen() {
        Http http = new Http(port);
        String organisation = "org-" + UUID.randomUUID();
        Actor ann = new Actor("ann-" + UUID.randomUUID(), "Ann", organisation, "team-1", "fife");
        Actor ben = new Actor("ben-" + UUID.randomUUID(), "Ben", organisation, "team-2", "perth");
        String annToken = STACK.tokens().issue(ann.personId(), "Ann", List.of("PRACTITIONER"), organisation,
                "team-1", "fife");
        String leader = STACK.tokens().issue("lena", "Lena", List.of("LEADER"), organisation, "board", "fife");
        String today = LocalDate.now().toString();
        Map<String, String> dashboards = new LinkedHashMap<>();
        dashboards.put("/api/dashboards/system?organisation=" + organisation, leader);
        dashboards.put("/api/dashboards/system?organisation=" + organisation + "&theme=housing", leader);
        dashboards.put("/api/dashboards/system?organisation=" + organisation + "&place=perth&from=" + today, leader);
        dashboards.put("/api/dashboards/system?organisation=" + organisation + "&team=team-1&to=" + today
                + "T23:59:59Z", leader);
        dashboards.put("/api/dashboards/organisations/" + organisation, leader);
        dashboards.put("/api/dashboards/organisations/" + organisation + "/teams/team-1", annToken);
        List<Captured> captured = new ArrayList<>();

        String experiment = UUID.randomUUID().toString();
        String housing = UUID.randomUUID().toString();
        String food = UUID.randomUUID().toString();
        String set = UUID.randomUUID().toString();
        record(experiment, 0, new ExperimentProposed(experiment, "Drop-in", "Helps", List.of("housing"), "Ends well",
                null, null, Visibility.ORGANISATION, ann, Instant.now()));
        record(experiment, 1, new ExperimentStarted(experiment, ann, Instant.now()));
        record(housing, 0, learning(housing, ann, LearningKind.BREAKTHROUGH, Visibility.SYSTEM, "housing"));
        record(food, 0, learning(food, ben, LearningKind.DISAPPOINTMENT, Visibility.TEAM, "food"));
        record(set, 0, new ActionCommitted(set, 1, "a1", "Call", LocalDate.now().plusDays(9), ann, Instant.now()));
        record(set, 1, new SessionEvaluated(set, 1, 4, "Good", ben, Instant.now()));
        record(set, 2, new ProblemPresented(set, 1, ann.personId(), "Rent", ann, Instant.now()));
        record(set, 3, new SessionClosed(set, 1, ann, Instant.now()));
        captured.addAll(captureLive(http, dashboards));

        record(housing, 1, new LearningRetracted(housing, "Too early", ann, Instant.now()));
        record(food, 1, new LearningAmplified(food, Visibility.SYSTEM, ben, Instant.now()));
        record(experiment, 2, new ExperimentConcluded(experiment, Outcome.ADAPT, "Changed it", null, null, ann,
                Instant.now()));
        record(set, 4, new ActionUpdated(set, 2, "a1", ann.personId(), ActionStatus.DONE, "Called", ann,
                Instant.now()));
        String more = UUID.randomUUID().toString();
        record(more, 0, learning(more, ben, LearningKind.REFLECTION, Visibility.ORGANISATION, "housing"));
        captured.addAll(captureLive(http, dashboards));

        for (Captured answer : captured) {
            Answer then = http.get(answer.path() + (answer.path().contains("?") ? "&" : "?") + "asOf="
                    + URLEncoder.encode(answer.asOf(), StandardCharsets.UTF_8), answer.token());
            assertThat(then.status()).as(answer.path()).isEqualTo(200);
            // Ann's housing entry, retracted since, lists as it did, its words taken back.
            assertThat(then.body()).as("%s as of %s", answer.path(), answer.asOf()).isEqualTo(answer.body()
                    .replace("\"summary\":\"Said by Ann about housing\"", "\"summary\":\"[retracted]\""));
        }

        record(ben.personId(), 0, new ConsentWithdrawn(ben.personId(), null, ben, Instant.now()));
        await().atMost(PATIENCE).until(() -> caughtUp(history));
        Captured organisationThen = captured.stream()
                .filter(answer -> answer.path().equals("/api/dashboards/organisations/" + organisation))
                .reduce((first, second) -> second).orElseThrow();
        JsonNode now = http.get(organisationThen.path() + "?asOf=" + organisationThen.asOf(), leader).json();
        assertThat(now.get("recent").findValuesAsText("summary")).hasSize(2).containsOnly("[withdrawn]");
        assertThat(now.get("totals")).isEqualTo(parse(organisationThen.body()).get("totals"));
    }

    @Test
    void anInstantBeforeAnythingHappenedShowsEmptyNumbers() {
        Http http = new Http(port);
        String leader = STACK.tokens().issue("lena", "Lena", List.of("LEADER"), "council", "board", "fife");

        JsonNode dashboard = http.get("/api/dashboards/system?asOf=2000-01-01T00:00:00Z", leader).json();

        assertThat(dashboard.get("asOf").asText()).isEqualTo("2000-01-01T00:00:00Z");
        dashboard.get("totals").forEach(count -> assertThat(count.asLong()).isZero());
        assertThat(dashboard.get("recent")).isEmpty();
        assertThat(dashboard.get("themes")).isEmpty();
    }

    /** Once the history has read everything, each dashboard's live answer, with the instant it gave. */
    private List<Captured> captureLive(Http http, Map<String, String> dashboards) {
        await().atMost(PATIENCE).until(() -> caughtUp(history));
        List<Captured> captured = new ArrayList<>();
        dashboards.forEach((path, token) -> {
            Answer live = http.get(path, token);
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            captured.add(new Captured(path, token, live.json().get("asOf").asText(), live.body()));
        });
        long last = Instant.parse(captured.get(captured.size() - 1).asOf()).toEpochMilli();
        // What is recorded next is recorded after every captured instant, to the millisecond the store keeps.
        await().atMost(PATIENCE).until(() -> Instant.now().toEpochMilli() > last);
        return captured;
    }

    private static void record(String aggregateId, long sequence, DomainEvent event) {
        EventEnvelope envelope = envelope(aggregateId, sequence, nextPosition(), event, Instant.now());
        publish(envelope);
    }

    private static LearningRecorded learning(String id, Actor author, LearningKind kind, Visibility visibility,
                                             String theme) {
        return new LearningRecorded(id, kind, "Said by " + author.name() + " about " + theme, null, List.of(theme),
                Perspective.PRACTITIONER, visibility, null, null, null, author, Instant.now());
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Captured(String path, String token, String asOf, String body) {
    }
}
