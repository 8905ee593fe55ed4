package org.hls.query.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A cohort's learning as its members read it: newest first, a page at a time, each page full of what they may read. */
@IntegrationTest
class CohortLearningApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    @LocalServerPort
    int port;

    @Test
    void aPageHoldsOnlyWhatTheReaderMayReadAndTheNextLinkLeadsToTheRest() {
        // Found by review: a page was cut from the ids before what the reader may not read was left out, so a page
        // of retracted entries came back empty, with a link to the next.
        String cohortId = UUID.randomUUID().toString();
        Actor fiona = new Actor("fiona-" + UUID.randomUUID(), "Fiona", "org-a", "team-3", "fife");
        Actor alice = new Actor("alice-" + UUID.randomUUID(), "Alice", "org-a", "team-1", "fife");
        publish(envelope(cohortId, 0, nextPosition(), new CohortFormed(cohortId, "Stewards", List.of(), fiona, AT)),
                envelope(cohortId, 1, nextPosition(), new CohortMemberEnrolled(cohortId, alice, AT)));
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String learningId = UUID.randomUUID().toString();
            publish(envelope(learningId, 0, nextPosition(), learning(learningId, cohortId, alice, "Kept " + i)));
            shown.add(0, "Kept " + i);
            String retracted = UUID.randomUUID().toString();
            publish(envelope(retracted, 0, nextPosition(), learning(retracted, cohortId, alice, "Taken back " + i)),
                    envelope(retracted, 1, nextPosition(), new LearningRetracted(retracted, "No", alice, AT)));
        }
        String token = STACK.tokens().issue(alice.personId(), "Alice", List.of("PRACTITIONER"), "org-a", "team-1",
                "fife");
        Http http = new Http(port);
        String first = "/api/cohorts/" + cohortId + "/learning?size=3";

        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer page = http.get(first, token);
            assertThat(summaries(page.json())).isEqualTo(shown.subList(0, 3));
            Answer last = http.get(page.header("Link").replaceAll("^<([^>]+)>.*", "$1"), token);
            assertThat(summaries(last.json())).isEqualTo(shown.subList(3, 4));
            assertThat(last.header("Link")).isNull();
        });
    }

    private static List<String> summaries(JsonNode items) {
        List<String> summaries = new ArrayList<>();
        items.forEach(item -> summaries.add(item.get("summary").asText()));
        return summaries;
    }

    private static LearningRecorded learning(String learningId, String cohortId, Actor author, String summary) {
        return new LearningRecorded(learningId, LearningKind.REFLECTION, summary, null, List.of(),
                Perspective.PRACTITIONER, Visibility.SYSTEM, null, null, cohortId, author, AT);
    }
}
