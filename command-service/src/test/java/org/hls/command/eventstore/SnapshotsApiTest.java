package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ALICE;

import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.hls.command.support.ApiTest;
import org.hls.command.support.IntegrationTest;
import org.hls.events.SealedText;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Snapshots keep what the rules need and nothing anyone said: found in review, an experiment's, an entry's and a
 * story's snapshots held their proposer's, author's and teller's name (sealed), which no rule reads. (As often as
 * {@code ActionLearningSetApiTest}'s, so that both share one context.)
 */
@IntegrationTest
@TestPropertySource(properties = "hls.event-store.snapshot-every=4")
class SnapshotsApiTest extends ApiTest {

    @Test
    void aSnapshotKeepsNobodysName() {
        String alice = tokenOf(ALICE);
        String experimentId = created(http.post("/api/experiments", alice, """
                {"title":"Open drop-in","hypothesis":"Drop-in hours help","themes":["housing"],
                 "plannedEnding":"People keep their key worker","visibility":"TEAM"}"""));
        ok("/api/experiments/" + experimentId + "/start", alice, "{}");
        for (String change : List.of("Evenings too", "Weekends too", "Mornings too")) {
            ok("/api/experiments/" + experimentId + "/adaptations", alice,
                    "{\"change\":\"" + change + "\",\"reason\":\"More come\"}");
        }
        String learningId = created(http.post("/api/learning", alice, """
                {"kind":"REFLECTION","summary":"We asked again","themes":[],"perspective":"PRACTITIONER",
                 "visibility":"TEAM"}"""));
        ok("/api/learning/" + learningId + "/amplification", alice, "{\"visibility\":\"ORGANISATION\"}");
        ok("/api/learning/" + learningId + "/amplification", alice, "{\"visibility\":\"SYSTEM\"}");
        ok("/api/learning/" + learningId + "/retraction", alice, "{\"reason\":\"Too early\"}");
        String storyId = created(http.post("/api/stories", alice, """
                {"text":"I was moved four times in a year.","visibility":"SYSTEM",
                 "purposes":["LEARNING","RESEARCH"]}"""));
        consent(storyId, alice, "ORGANISATION", "\"LEARNING\",\"RESEARCH\"");
        consent(storyId, alice, "TEAM", "\"LEARNING\",\"RESEARCH\"");
        consent(storyId, alice, "TEAM", "\"LEARNING\"");

        for (String id : List.of(experimentId, learningId, storyId)) {
            Document snapshot = await().atMost(Duration.ofSeconds(10)).until(() -> eventStoreDatabase()
                    .getCollection("event_snapshots").find(new Document("_id", id)).first(), found -> found != null);
            assertThat(snapshot.toJson()).as(id).contains("alice").doesNotContain(ALICE.actor().name())
                    .doesNotContain(SealedText.PREFIX);
        }
    }

    private void consent(String storyId, String token, String visibility, String purposes) {
        ok("/api/stories/" + storyId + "/consent", token, "{\"visibility\":\"" + visibility + "\",\"purposes\":["
                + purposes + "]}");
    }

    private void ok(String path, String token, String body) {
        assertThat(http.post(path, token, body).status()).as(path).isEqualTo(200);
    }
}
