package org.hls.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
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

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health?x=%zz", "/actuator/health?%=1", "/api/dashboards/system?theme=%E0%A4%A",
            "/api/learning?size=%", "/?q=%GG"})
    void anUndecodablePercentEscapeInTheQueryIsABadRequest(String path) throws Exception {
        for (String token : new String[] {null, leader()}) {
            Raw answer = get(path, token);

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
        Raw answer = get(path, leader());

        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(400);
        assertProblemInWords(answer);
    }

    @Test
    void aParameterAnEndpointTakesAsAListMayBeRepeated() throws Exception {
        Raw answer = get("/api/exchange/matches?theme=housing&theme=debt", leader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/error", "/error?status=500"})
    void theErrorPageCalledDirectlyIsNotFound(String path) throws Exception {
        Raw answer = get(path, leader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertProblemInWords(answer);
    }

    private static void assertProblemInWords(Raw answer) {
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception", "[Ljava", "java.", "at org.");
    }

    private String leader() {
        return STACK.tokens().issue("lena", "Lena", List.of("LEADER", "ANALYST"), "council", "board", "fife");
    }

    /** Sent over a socket as written: Java's own HTTP client refuses to send a malformed escape. */
    private Raw get(String path, String token) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            List<String> head = List.of(answer.substring(0, split).split("\r\n"));
            return new Raw(Integer.parseInt(head.get(0).split(" ")[1]), head.subList(1, head.size()),
                    answer.substring(split + 4));
        }
    }

    private record Raw(int statusCode, List<String> headers, String body) {

        String header(String name) {
            return headers.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
        }
    }
}
