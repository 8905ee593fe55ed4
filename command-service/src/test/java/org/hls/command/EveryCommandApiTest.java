package org.hls.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.infra.embedded.DevTokenIssuer;
import org.hls.infra.embedded.Ports;
import org.hls.events.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What holds for every command, whatever it is: a token is needed, a body over 64 KiB is too large, a body that is
 * not JSON is malformed; each refused as a problem, with nothing recorded.
 */
@IntegrationTest
class EveryCommandApiTest extends ApiTest {

    private static final String ID = UUID.randomUUID().toString();
    private static final String HUGE = "{\"text\":\"" + "x".repeat(65 * 1024) + "\"}";
    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"People came back","themes":["housing"],
             "perspective":"PRACTITIONER","visibility":"TEAM"}""";

    @ParameterizedTest
    @ValueSource(strings = {"/api/experiments", "/api/experiments/ID/start", "/api/experiments/ID/adaptations",
            "/api/experiments/ID/conclusion", "/api/learning", "/api/learning/ID/amplification",
            "/api/learning/ID/retraction", "/api/learning/ID/correction", "/api/people/me/consent-withdrawal",
            "/api/people/bob/consent-withdrawal",
            "/api/sets", "/api/sets/ID/sessions", "/api/sets/ID/sessions/1/updates",
            "/api/sets/ID/sessions/1/presentation", "/api/sets/ID/sessions/1/questions", "/api/sets/question-check",
            "/api/sets/ID/sessions/1/insights", "/api/sets/ID/sessions/1/actions",
            "/api/sets/ID/sessions/1/evaluations", "/api/sets/ID/sessions/1/close", "/api/sets/ID/members",
            "/api/sets/ID/facilitator", "/api/sets/ID/end", "/api/stories", "/api/stories/ID/consent", "/api/cohorts", "/api/cohorts/ID/enrolments",
            "/api/exchange", "/api/exchange/ID/retraction"})
    void everyCommandNeedsAValidTokenAndRefusesBodiesOverSixtyFourKibibytes(String command) {
        String path = command.replace("ID", ID);
        try (DevTokenIssuer stranger = DevTokenIssuer.start(null, Ports.free())) {
            String forged = stranger.issue("alice", "Alice", List.of("ADMIN"), "org-a", "team-1", "fife");
            for (String token : new String[] {null, "not-a-token", forged}) {
                Answer answer = refused(401, path, token, "{}");
                assertThat(answer.body()).doesNotContain("alice");
            }
        }
        refused(413, path, tokenOf(ALICE), HUGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/experiments", "/api/experiments/ID/adaptations", "/api/experiments/ID/conclusion",
            "/api/learning", "/api/learning/ID/amplification", "/api/learning/ID/retraction",
            "/api/learning/ID/correction",
            "/api/people/bob/consent-withdrawal", "/api/sets", "/api/sets/ID/sessions/1/updates",
            "/api/sets/ID/sessions/1/presentation", "/api/sets/ID/sessions/1/questions", "/api/sets/question-check",
            "/api/sets/ID/sessions/1/insights", "/api/sets/ID/sessions/1/actions",
            "/api/sets/ID/sessions/1/evaluations", "/api/sets/ID/members", "/api/sets/ID/facilitator", "/api/stories",
            "/api/stories/ID/consent", "/api/cohorts", "/api/exchange"})
    void everyCommandWithABodyRefusesWhatIsNotJsonOrNotAnObject(String command) {
        String path = command.replace("ID", ID);
        for (String body : new String[] {"not json", "{\"unclosed\":", "[]", "\"text\"", ""}) {
            refused(400, path, tokenOf(ALICE), body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "image/png, text/plain"})
    void aCommandWhoseAnswerTheClientWouldNotAcceptIsRefusedBeforeAnythingIsRecorded(String accept) {
        // Found by an outside client: the entry was recorded, then answered 406, and the client's retry recorded it
        // again.
        long before = storedCommits();

        Answer answer = http.post("/api/learning", tokenOf(ALICE),
                Map.of("Content-Type", "application/json", "Accept", accept), LEARNING);

        assertThat(answer.status()).isEqualTo(406);
        assertThat(storedCommits()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Found by an outside client, each recorded as sent:
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"s\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":3}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"kind\":\"BREAKTHROUGH\",\"summary\":\"s\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"reads \\u202Ebackwards\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"in\\u200Bvisible\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"\\uFEFFmarked\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"half \\uD800 a pair\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"s\",\"themes\":[\"hou\\u2066sing\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            // Found in review: text that shows nothing was recorded as something said.
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"\\u3164\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"\\u200D \\u2800\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"\\u00AD\\u00A0\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}",
            "/api/experiments|{\"title\":\"a\\u2028b\",\"hypothesis\":\"h\",\"themes\":[],\"plannedEnding\":\"p\",\"visibility\":\"TEAM\"}",
            "/api/experiments|{\"title\":\"t\",\"hypothesis\":\"h\",\"themes\":[],\"plannedEnding\":\"p\",\"endsBy\":\"+999999999-12-31\",\"visibility\":\"TEAM\"}",
            "/api/experiments|{\"title\":\"t\",\"hypothesis\":\"h\",\"themes\":[],\"plannedEnding\":\"p\",\"endsBy\":\"20990101\",\"visibility\":\"TEAM\"}",
            "/api/experiments|{\"title\":\"t\",\"hypothesis\":\"h\",\"themes\":[],\"plannedEnding\":\"p\",\"endsBy\":20990101,\"visibility\":\"TEAM\"}",
            // Found in review: a day as Jackson's array, an instant as a number or a text of digits, were read.
            "/api/experiments|{\"title\":\"t\",\"hypothesis\":\"h\",\"themes\":[],\"plannedEnding\":\"p\",\"endsBy\":[2099,1,1],\"visibility\":\"TEAM\"}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"s\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\",\"notedAt\":NOW}",
            "/api/learning|{\"kind\":\"REFLECTION\",\"summary\":\"s\",\"themes\":[],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\",\"notedAt\":\"NOW\"}",
            "/api/sets/ID/sessions/1/evaluations|{\"score\":\"4\",\"comment\":\"fine\"}",
            "/api/sets/ID/sessions/1/evaluations|{\"score\":4.0,\"comment\":\"fine\"}",
            "/api/sets/ID/sessions/1/evaluations|{\"score\":true,\"comment\":\"fine\"}"})
    void aBodyIsReadAsWrittenNeverGuessedAtAndTextThatDisplaysOtherThanItReadsIsRefused(String example) {
        String path = example.substring(0, example.indexOf('|')).replace("ID", ID);
        // An instant within the days an entry may have waited on a device: refused for its form, not its time.
        String body = example.substring(example.indexOf('|') + 1).replace("NOW",
                Long.toString(java.time.Instant.now().getEpochSecond()));
        long before = storedCommits();

        Answer answer = http.post(path, tokenOf(ALICE), body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void textIsStoredInItsComposedFormWhicheverWayItWasTyped() {
        // "café" typed as e and a combining acute accent: the same words as with é, and counted as one theme.
        String id = created(http.post("/api/learning", tokenOf(ALICE), """
                {"kind":"REFLECTION","summary":"Cafe\u0301 mornings","themes":["cafe\u0301"],
                 "perspective":"PRACTITIONER","visibility":"TEAM"}"""));

        org.bson.Document commit = eventStoreDatabase().getCollection("event_commits")
                .find(new org.bson.Document("stream", id + ":0")).first();
        String payload = commit.getList("events", org.bson.Document.class).get(0).getString("payload");
        assertThat(opened(ALICE.personId(), EventJson.toTree(payload).get("summary").asText()))
                .contains("Caf\u00E9 mornings");
        assertThat(EventJson.toTree(payload).get("themes").get(0).asText()).isEqualTo("caf\u00E9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/learning", "/api/experiments", "/api/sets", "/api/stories", "/api/exchange"})
    void aCommandWhoseBodyTypeIsAWildcardOrNotJsonIsRefusedAsUnsupported(String command) {
        for (String type : new String[] {"*/*", "application/*", "text/plain", "application/x-www-form-urlencoded",
                "application/yaml"}) {
            long before = storedCommits();

            Answer answer = http.post(command, tokenOf(ALICE), Map.of("Content-Type", type), LEARNING);

            assertThat(answer.status()).as(type + ": " + answer.body()).isEqualTo(415);
            assertThat(answer.isProblem()).as(type).isTrue();
            assertThat(answer.body()).doesNotContain("Exception");
            assertThat(storedCommits()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"another issuer", "another audience", "no audience", "no expiry", "expired"})
    void aTokenSignedByTheIssuersKeyIsRefusedUnlessItIsFromTheIssuerForThePlatformAndUnexpired(String flaw) {
        // Found by an outside client: iss and aud were not checked and exp was optional.
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("alice").claim("name", "Alice")
                .claim("roles", List.of("PRACTITIONER")).claim("organisation", "org-a").claim("team", "team-1")
                .claim("place", "fife").issuer(STACK.tokens().issuer()).audience(DevTokenIssuer.AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
        switch (flaw) {
            case "another issuer" -> claims.issuer("https://login.example.org/");
            case "another audience" -> claims.audience("another-client");
            case "no audience" -> claims.audience((String) null);
            case "no expiry" -> claims.expirationTime(null);
            default -> claims.expirationTime(Date.from(now.minusSeconds(600)));
        }
        String token = STACK.tokens().signExactly(claims.build());

        refused(401, "/api/learning", token, LEARNING);
    }
}
