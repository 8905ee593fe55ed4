package org.hls.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;

import java.util.List;
import java.util.UUID;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.infra.embedded.DevTokenIssuer;
import org.hls.infra.embedded.Ports;
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

    @ParameterizedTest
    @ValueSource(strings = {"/api/experiments", "/api/experiments/ID/start", "/api/experiments/ID/adaptations",
            "/api/experiments/ID/conclusion", "/api/learning", "/api/learning/ID/amplification",
            "/api/learning/ID/retraction", "/api/people/me/consent-withdrawal", "/api/people/bob/consent-withdrawal",
            "/api/sets", "/api/sets/ID/sessions", "/api/sets/ID/sessions/1/updates",
            "/api/sets/ID/sessions/1/presentation", "/api/sets/ID/sessions/1/questions",
            "/api/sets/ID/sessions/1/insights", "/api/sets/ID/sessions/1/actions",
            "/api/sets/ID/sessions/1/evaluations", "/api/sets/ID/sessions/1/close", "/api/sets/ID/members",
            "/api/stories", "/api/stories/ID/consent", "/api/cohorts", "/api/cohorts/ID/enrolments",
            "/api/exchange"})
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
            "/api/people/bob/consent-withdrawal", "/api/sets", "/api/sets/ID/sessions/1/updates",
            "/api/sets/ID/sessions/1/presentation", "/api/sets/ID/sessions/1/questions",
            "/api/sets/ID/sessions/1/insights", "/api/sets/ID/sessions/1/actions",
            "/api/sets/ID/sessions/1/evaluations", "/api/sets/ID/members", "/api/stories",
            "/api/stories/ID/consent", "/api/cohorts", "/api/exchange"})
    void everyCommandWithABodyRefusesWhatIsNotJsonOrNotAnObject(String command) {
        String path = command.replace("ID", ID);
        for (String body : new String[] {"not json", "{\"unclosed\":", "[]", "\"text\"", ""}) {
            refused(400, path, tokenOf(ALICE), body);
        }
    }
}
