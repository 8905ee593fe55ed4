package org.hls.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PracticeChangeApiTest extends StackProperties {

    @LocalServerPort
    int port;

    @Test
    void aSeriesPerMonthFollowsWhatIsRecorded() {
        Http http = new Http(port);
        String organisation = "org-" + UUID.randomUUID();
        String learningId = UUID.randomUUID().toString();
        publish(envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, LearningKind.DISAPPOINTMENT,
                "Not yet", null, List.of("housing"), Perspective.LIVED_EXPERIENCE, Visibility.TEAM, null, null, null,
                new Actor("ann", "Ann", organisation, "team-1", "fife"), Instant.parse("2026-05-05T10:00:00Z"))));
        // Read by an analyst in Ann's own team, who sees its counts as they are.
        String analyst = STACK.tokens().issue("al", "Al", List.of("ANALYST"), organisation, "team-1", "fife");
        String path = "/api/analytics/practice-change?bucket=month&organisation=" + organisation
                + "&team=team-1&from=2026-05-01&to=2026-06-30";

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get(path, analyst).json()
                .get("buckets").get(0).get("learning").get("DISAPPOINTMENT").asLong()).isEqualTo(1));
        JsonNode series = http.get(path, analyst).json();
        assertThat(series.get("smallNumbers").isNull()).isTrue();

        assertThat(series.get("bucket").asText()).isEqualTo("month");
        assertThat(series.get("filters").get("organisation").asText()).isEqualTo(organisation);
        assertThat(series.get("buckets").findValuesAsText("bucket")).containsExactly("2026-05", "2026-06");
        assertThat(series.get("buckets").get(0).get("perspectives").get("LIVED_EXPERIENCE").asLong()).isEqualTo(1);
        assertThat(http.get(path + "&asOf=2026-05-01T00:00:00Z", analyst).json().get("buckets").get(0)
                .get("learning").get("DISAPPOINTMENT").asLong()).as("not known yet then").isZero();
    }

    @Test
    void anUnknownBucketIsRefusedListingTheValidOnes() {
        Http http = new Http(port);

        Answer answer = http.get("/api/analytics/practice-change?bucket=year", token());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("bucket");
        assertThat(answer.json().get("detail").asText()).contains("week").contains("month");
        assertThat(http.get("/api/analytics/practice-change?asOf=soon", token()).status()).isEqualTo(400);
        assertThat(http.get("/api/analytics/practice-change?from=2026-02-30", token()).status()).isEqualTo(400);
        assertThat(http.get("/api/analytics/practice-change", null).status()).isEqualTo(401);
        assertThat(http.get("/api/analytics/practice-change", token()).json().get("bucket").asText())
                .isEqualTo("week");
    }

    private static String token() {
        return STACK.tokens().issue("ana", "Ana", List.of("ANALYST"), "council", "insight", "fife");
    }
}
