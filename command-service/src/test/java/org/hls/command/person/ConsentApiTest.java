package org.hls.command.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ADA;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.LEE;

import java.time.Duration;
import java.util.List;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class ConsentApiTest extends ApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"Known by what I did","themes":["housing"],
             "perspective":"PRACTITIONER","visibility":"TEAM"}""";

    @Test
    void aPersonWithdrawsTheirOwnConsentOnce() {
        String dora = STACK.tokens().issue("dora", "Dora", List.of("PRACTITIONER"), "org-a", "team-1", "fife");

        Answer first = http.post("/api/people/me/consent-withdrawal", dora, "{}");
        long stored = storedCommits();
        Answer again = http.post("/api/people/me/consent-withdrawal", dora, "{}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("withdrawn").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(storedCommits()).isEqualTo(stored);
    }

    @Test
    void anAdministratorOfTheirOrganisationWithdrawsConsentForSomeoneElse() {
        String erin = STACK.tokens().issue("erin", "Erin", List.of("PRACTITIONER"), ADA.actor().organisation(),
                "team-9", "fife");
        created(http.post("/api/learning", erin, LEARNING));

        Answer answer = await().atMost(PATIENCE).until(() -> http.post("/api/people/erin/consent-withdrawal",
                tokenOf(ADA), "{\"reason\":\"Asked by phone\"}"), known -> known.status() != 404);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("personId").asText()).isEqualTo("erin");
    }

    @Test
    void anAdministratorOfAnotherOrganisationDoesNot() {
        // Found by an outside client: any administrator withdrew anyone's consent.
        String finn = STACK.tokens().issue("finn", "Finn", List.of("PRACTITIONER"), "org-a", "team-1", "fife");
        created(http.post("/api/learning", finn, LEARNING));
        long before = storedCommits();

        Answer answer = await().atMost(PATIENCE).until(() -> http.post("/api/people/finn/consent-withdrawal",
                tokenOf(ADA), "{\"reason\":\"Asked by phone\"}"), known -> known.status() != 404);

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.isProblem()).isTrue();
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void anAdministratorLearnsThatAnIdThePlatformNeverHeardOfIsNobody() {
        // Found by an outside client: the id of another aggregate answered 500.
        String learningId = created(http.post("/api/learning", tokenOf(ALICE), LEARNING));
        long before = storedCommits();

        refused(404, "/api/people/" + learningId + "/consent-withdrawal", tokenOf(ADA), "{\"reason\":\"r\"}");
        refused(404, "/api/people/nobody-ever/consent-withdrawal", tokenOf(ADA), "{\"reason\":\"r\"}");
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void nobodyElseWithdrawsSomeonesConsent() {
        refused(403, "/api/people/erin/consent-withdrawal", tokenOf(LEE), "{\"reason\":\"I decided\"}");
        refused(403, "/api/people/erin/consent-withdrawal", tokenOf(BOB), "{\"reason\":\"I decided\"}");
    }

    @Test
    void anAdministratorGivesAReason() {
        refused(400, "/api/people/erin/consent-withdrawal", tokenOf(ADA), "{}");
        refused(404, "/api/people/not%20a%20person/consent-withdrawal", tokenOf(ADA), "{\"reason\":\"r\"}");
    }
}
