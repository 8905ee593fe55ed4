package org.hls.command.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ADA;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.LEE;

import java.util.List;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class ConsentApiTest extends ApiTest {

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
    void anAdministratorWithdrawsConsentForSomeoneElse() {
        Answer answer = http.post("/api/people/erin/consent-withdrawal", tokenOf(ADA),
                "{\"reason\":\"Asked by phone\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("personId").asText()).isEqualTo("erin");
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
