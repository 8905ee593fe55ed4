package org.hls.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hls.query.support.IntegrationTest;
import org.hls.query.support.RawHttp;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests an outside client sent that answered 500 (each writing a stack trace to the log) or named Java classes:
 * each is now a 4xx problem that says what is wrong in words.
 */
@IntegrationTest
class HostileRequestsApiTest extends StackProperties {

    @LocalServerPort
    int port;

    @BeforeEach
    void ready() {
        awaitReady(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health?x=%zz", "/actuator/health?%=1", "/api/dashboards/system?theme=%E0%A4%A",
            "/api/learning?size=%", "/?q=%GG"})
    void anUndecodablePercentEscapeInTheQueryIsABadRequest(String path) throws Exception {
        for (String token : new String[] {null, leader()}) {
            RawHttp.Answer answer = RawHttp.get(port, path, token);

            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertProblemInWords(answer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/dashboards/system?to=-999999999-01-01", "/api/dashboards/system?from=+999999999-12-31",
            "/api/dashboards/system?to=20990101", "/api/analytics/practice-change?bucket=week&bucket=month",
            "/api/dashboards/system?theme=a&theme=b", "/api/learning?size=10&size=20",
            "/api/dashboards/system?asOf=2026-01-01T00:00:00Z&asOf=2026-02-01T00:00:00Z"})
    void aValueOutOfRangeOrGivenTwiceIsRefusedNamingIt(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, path, leader());

        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(400);
        assertProblemInWords(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/dashboards/system?from=2099-01-01",
            "/api/dashboards/organisations/council?asOf=2026-06-01T00:00:00Z&from=2026-11-29"})
    void aPeriodThatBeginsAfterItsLastDayIsAnEmptyChartNotAFailure(String path) throws Exception {
        // Found by the generated queries of HostileQueriesApiTest: each answered 500.
        RawHttp.Answer answer = RawHttp.get(port, path, leader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"weeks\":[]");
    }

    @Test
    void aParameterAnEndpointTakesAsAListMayBeRepeated() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "/api/exchange/matches?theme=housing&theme=debt", leader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/error", "/error?status=500"})
    void theErrorPageCalledDirectlyIsNotFound(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, path, leader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertProblemInWords(answer);
    }

    private static void assertProblemInWords(RawHttp.Answer answer) {
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception", "[Ljava", "java.", "at org.");
    }

    private String leader() {
        return STACK.tokens().issue("lena", "Lena", List.of("LEADER", "ANALYST"), "council", "board", "fife");
    }
}
