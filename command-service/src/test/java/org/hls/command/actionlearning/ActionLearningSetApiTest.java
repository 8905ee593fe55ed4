package org.hls.command.actionlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ADA;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.CAROL;
import static org.hls.command.support.People.FIONA;
import static org.hls.command.support.People.LEE;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Whole sessions over HTTP. Snapshots are taken every few events here, so every rule also holds for a set loaded
 * from a snapshot.
 */
@IntegrationTest
@TestPropertySource(properties = "hls.event-store.snapshot-every=4")
class ActionLearningSetApiTest extends ApiTest {

    private static final String DUE = LocalDate.now().plusWeeks(4).toString();

    @Autowired
    EventStorageEngine eventStorageEngine;

    private String fiona;
    private String alice;
    private String bob;
    private String carol;
    private String setId;

    @BeforeEach
    void formSet() {
        fiona = tokenOf(FIONA);
        alice = tokenOf(ALICE);
        bob = tokenOf(BOB);
        carol = tokenOf(CAROL);
        setId = created(http.post("/api/sets", fiona,
                "{\"name\":\"Front door\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\",\"carol\"]}"));
    }

    @Test
    void aSessionRunsFromUpdatesToClose() {
        assertThat(openSession()).isEqualTo(1);
        ok(session(1, "/presentation"), alice, "{\"presenter\":\"alice\",\"problem\":\"People wait weeks\"}");
        ok(session(1, "/questions"), bob, "{\"text\":\"What do the families say about the wait?\"}");
        ok(session(1, "/insights"), alice, "{\"text\":\"The wait is about trust\"}");
        Answer action = http.post(session(1, "/actions"), alice,
                "{\"text\":\"Ask three families\",\"dueBy\":\"" + DUE + "\"}");
        String actionId = created(action);
        ok(session(1, "/evaluations"), bob, "{\"score\":5,\"comment\":\"Felt safe\"}");
        ok(session(1, "/evaluations"), fiona, "{\"score\":4}");
        ok(session(1, "/close"), fiona, "{}");

        assertThat(openSession()).isEqualTo(2);
        Answer early = refused(409, session(2, "/presentation"), bob,
                "{\"presenter\":\"bob\",\"problem\":\"Referrals\"}");
        assertThat(early.json().get("detail").asText()).contains("updates come first");
        ok(session(2, "/updates"), alice, "{\"actionId\":\"" + actionId + "\",\"status\":\"PARTLY\",\"note\":\"Two\"}");
        ok(session(2, "/presentation"), bob, "{\"presenter\":\"bob\",\"problem\":\"Referrals bounce back\"}");
        ok(session(2, "/close"), fiona, "{}");

        // The rules above held for a set loaded from a snapshot of the current state shape.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(eventStorageEngine.readSnapshot(setId))
                .hasValueSatisfying(snapshot -> {
                    assertThat(snapshot.getPayload()).isInstanceOf(ActionLearningSet.class);
                    assertThat(snapshot.getSequenceNumber()).isPositive();
                }));
        Document stored = eventStoreDatabase().getCollection("event_snapshots").find(new Document("_id", setId))
                .first();
        assertThat(stored.getString("payloadRevision")).isEqualTo("5");
        // Loaded from that snapshot, the set still knows Alice's action is only partly done: she says it is done now.
        assertThat(openSession()).isEqualTo(3);
        refused(403, session(3, "/updates"), bob, "{\"actionId\":\"" + actionId + "\",\"status\":\"DONE\"}");
        ok(session(3, "/updates"), alice, "{\"actionId\":\"" + actionId + "\",\"status\":\"DONE\"}");
        refused(409, session(3, "/updates"), alice, "{\"actionId\":\"" + actionId + "\",\"status\":\"DONE\"}");
    }

    /** Found by the walk-through of a set over months: a facilitator who fell ill left the set frozen for good. */
    @Test
    void aMemberTakesUpFacilitationAndHandsItOnWhileASessionIsOpen() {
        openSession();

        Answer outside = refused(400, "/api/sets/" + setId + "/facilitator", bob, "{\"facilitator\":\"lee\"}");
        ok("/api/sets/" + setId + "/facilitator", bob, "{\"facilitator\":\"bob\"}");
        refused(403, session(1, "/close"), fiona, "{}");
        ok(session(1, "/close"), bob, "{}");
        ok("/api/sets/" + setId + "/facilitator", bob, "{\"facilitator\":\"lee\"}");

        assertThat(fields(outside)).containsExactly("facilitator");
        refused(403, "/api/sets/" + setId + "/sessions", bob, "{}"); // a member again: who facilitates opens them
        // Whoever facilitated before stays on as a member: with fiona and bob, alice and carol are four, and meet.
        Answer lees = http.post("/api/sets/" + setId + "/sessions", tokenOf(LEE), "{}");
        assertThat(lees.status()).as(lees.body()).isEqualTo(201);
    }

    /** Found by the walk-through of a set over months: a set that had done its work could never end. */
    @Test
    void theFacilitatorEndsASetOnceItsLastSessionHasClosedAndItMeetsNoMore() {
        openSession();
        Answer stillOpen = refused(409, "/api/sets/" + setId + "/end", fiona, "{}");
        ok(session(1, "/close"), fiona, "{}");
        refused(403, "/api/sets/" + setId + "/end", alice, "{}");

        ok("/api/sets/" + setId + "/end", fiona, "{}");

        assertThat(stillOpen.json().get("detail").asText()).contains("Session 1 is still open");
        Answer ended = refused(409, "/api/sets/" + setId + "/sessions", fiona, "{}");
        assertThat(ended.json().get("detail").asText()).contains("has ended");
        refused(409, "/api/sets/" + setId + "/members", fiona, "{\"memberId\":\"lee\"}");
        refused(409, "/api/sets/" + setId + "/end", fiona, "{}");
        assertThat(http.delete("/api/sets/" + setId + "/members/bob", bob).status()).isEqualTo(200);
    }

    @Test
    void openingASessionAnswersItsNumberAndWhereItLives() {
        Answer answer = http.post("/api/sets/" + setId + "/sessions", fiona, "{}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("sessionNumber").asInt()).isEqualTo(1);
    }

    @Test
    void adviceIsRefusedWithWhatToDoInstead() {
        openSession();
        ok(session(1, "/presentation"), alice, "{\"presenter\":\"alice\",\"problem\":\"People wait weeks\"}");

        Answer answer = refused(400, session(1, "/questions"), bob, "{\"text\":\"Why don't you phone them?\"}");

        assertThat(fields(answer)).containsExactly("text");
        assertThat(answer.json().get("detail").asText()).contains("not advice");
        refused(400, session(1, "/questions"), bob, "{\"text\":\"I think the wait is too long.\"}");
    }

    @Test
    void aQuestionIsCheckedAsASessionWouldJudgeItWithoutAnythingRecorded() {
        long before = storedCommits();

        Answer advice = http.post("/api/sets/question-check", bob, "{\"text\":\"Why don't you phone them?\"}");
        Answer statement = http.post("/api/sets/question-check", bob, "{\"text\":\"I think the wait is too long.\"}");
        Answer open = http.post("/api/sets/question-check", bob, "{\"text\":\"What do the families say?\"}");

        assertThat(advice.status()).isEqualTo(200);
        assertThat(advice.json().get("open").asBoolean()).isFalse();
        assertThat(advice.json().get("problem").asText()).contains("not advice").contains("why don't you");
        assertThat(statement.json().get("problem").asText()).contains("ending with a question mark");
        assertThat(open.json().get("open").asBoolean()).isTrue();
        assertThat(open.json().get("problem").isNull()).isTrue();
        refused(400, "/api/sets/question-check", bob, "{\"text\":\"" + "x".repeat(1001) + "\"}");
        refused(400, "/api/sets/question-check", bob, "{\"text\":\"   \"}");
        assertThat(storedCommits()).isEqualTo(before);
    }

    /** The services answer in the caller's language: Welsh when asked for, English otherwise. */
    @Test
    void refusalsAndTheAdviceCheckAreWordedInWelshWhenTheCallerAsksForIt() {
        Map<String, String> welsh = Map.of("Content-Type", "application/json", "Accept-Language", "cy-GB, en;q=0.5");
        Map<String, String> french = Map.of("Content-Type", "application/json", "Accept-Language", "fr");

        Answer advice = http.post("/api/sets/question-check", bob, welsh, "{\"text\":\"Why don't you phone them?\"}");
        Answer welshAdvice = http.post("/api/sets/question-check", bob, welsh,
                "{\"text\":\"Pam na wnewch chi ffonio'r teulu?\"}");
        Answer tooFew = http.post("/api/sets", fiona, welsh,
                "{\"name\":\"Dau\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\"]}");
        Answer blank = http.post("/api/sets", fiona, welsh,
                "{\"name\":\" \",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\",\"carol\"]}");
        Answer unsigned = http.post("/api/sets", null, welsh, "{}");
        Answer inFrench = http.post("/api/sets", fiona, french,
                "{\"name\":\"Deux\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\"]}");

        assertThat(advice.json().get("problem").asText())
                .isEqualTo("rhaid iddo fod yn gwestiwn agored, nid cyngor: mae \"why don't you ...\" yn cynnig ateb; "
                        + "gofynnwch beth mae'r cyflwynydd yn ei feddwl yn lle hynny (er enghraifft \"Beth rydych "
                        + "chi wedi rhoi cynnig arno hyd yma?\")");
        assertThat(welshAdvice.json().get("open").asBoolean()).isFalse();
        assertThat(welshAdvice.json().get("problem").asText()).contains("\"pam na wnewch chi ...\"");
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.json().get("detail").asText())
                .isEqualTo("members rhaid enwi rhwng 3 a 8 o bobl wahanol (2 wedi'u rhoi)");
        assertThat(tooFew.json().get("title").asText()).isEqualTo("Mewnbwn annilys");
        assertThat(blank.json().get("errors").get(0).get("message").asText()).isEqualTo("ni chaiff fod yn wag");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("detail").asText()).isEqualTo("Mae angen tocyn cludwr dilys.");
        assertThat(inFrench.json().get("detail").asText())
                .isEqualTo("members must name 3 to 8 different people (2 given)");
    }

    @Test
    void thePresenterDoesNotAskAndOnlyThePresenterCommits() {
        openSession();
        ok(session(1, "/presentation"), alice, "{\"presenter\":\"alice\",\"problem\":\"People wait weeks\"}");

        refused(403, session(1, "/questions"), alice, "{\"text\":\"What do I want?\"}");
        refused(403, session(1, "/insights"), bob, "{\"text\":\"Hers, not mine\"}");
        refused(403, session(1, "/actions"), carol, "{\"text\":\"Do it\",\"dueBy\":\"" + DUE + "\"}");
    }

    @Test
    void evaluationsAreOncePerPersonAndScoredOneToFive() {
        openSession();
        refused(409, session(1, "/evaluations"), bob, "{\"score\":3}");
        ok(session(1, "/presentation"), alice, "{\"presenter\":\"alice\",\"problem\":\"People wait weeks\"}");

        refused(400, session(1, "/evaluations"), bob, "{\"score\":6}");
        refused(400, session(1, "/evaluations"), bob, "{\"score\":0}");
        refused(400, session(1, "/evaluations"), bob, "{\"comment\":\"no score\"}");
        ok(session(1, "/evaluations"), bob, "{\"score\":3}");
        refused(409, session(1, "/evaluations"), bob, "{\"score\":4}");
    }

    @Test
    void aClosedSessionAcceptsNothingAndOnlyTheFacilitatorCloses() {
        openSession();

        refused(403, session(1, "/close"), alice, "{}");
        ok(session(1, "/close"), fiona, "{}");
        refused(409, session(1, "/evaluations"), bob, "{\"score\":3}");
        refused(409, session(1, "/close"), fiona, "{}");
    }

    @Test
    void nobodyOutsideTheSetTakesPartNotLeadersNorAdministrators() {
        openSession();

        for (String outsider : new String[] {tokenOf(LEE), tokenOf(ADA)}) {
            Answer answer = refused(403, session(1, "/evaluations"), outsider, "{\"score\":1}");
            assertThat(answer.json().get("detail").asText()).contains("Only the members and the facilitator");
            refused(403, "/api/sets/" + setId + "/sessions", outsider, "{}");
        }
    }

    @Test
    void membersJoinUpToEightAndLeave() {
        for (String member : new String[] {"m4", "m5", "m6", "m7", "m8"}) {
            ok("/api/sets/" + setId + "/members", fiona, "{\"memberId\":\"" + member + "\"}");
        }
        refused(409, "/api/sets/" + setId + "/members", fiona, "{\"memberId\":\"m9\"}");

        assertThat(http.delete("/api/sets/" + setId + "/members/carol", carol).status()).isEqualTo(200);
        refused(403, session(1, "/evaluations"), carol, "{\"score\":3}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"Two\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\"]}",
            "{\"name\":\"Nine\",\"facilitator\":\"fiona\",\"members\":[\"a1\",\"a2\",\"a3\",\"a4\",\"a5\",\"a6\",\"a7\",\"a8\",\"a9\"]}",
            "{\"name\":\"Self\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\",\"fiona\"]}",
            "{\"name\":\"Bad\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\",\"<script>\"]}",
            "{\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\",\"carol\"]}"})
    void anInvalidSetIsRefused(String body) {
        refused(400, "/api/sets", fiona, body);
    }

    @Test
    void unknownSetsAndSessionsAreNotFound() {
        refused(404, "/api/sets/00000000-0000-0000-0000-000000000000/sessions", fiona, "{}");
        refused(404, session(9, "/close"), fiona, "{}");
        refused(400, "/api/sets/" + setId + "/sessions/one/close", fiona, "{}");
    }

    private int openSession() {
        Answer answer = http.post("/api/sets/" + setId + "/sessions", fiona, "{}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("sessionNumber").asInt();
    }

    private void ok(String path, String token, String body) {
        Answer answer = http.post(path, token, body);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
    }

    private String session(int number, String command) {
        return "/api/sets/" + setId + "/sessions/" + number + command;
    }
}
