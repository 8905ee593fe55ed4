package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An instance whose history has not yet read the topic as far as it went when the instance started answers every
 * dashboard, analysis and export 503 (problem+json, with {@code Retry-After}), never numbers that show less than
 * happened, and reports itself not ready. Here the broker is unreachable, so the history cannot catch up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "hls.mongodb.database=history-not-ready-test",
        "hls.history.checkpoint-id=history-not-ready-test",
        "hls.kafka.topic=history-not-ready-test-events",
        "hls.small-numbers.key=the tests' secret for small-number noise"})
class HistoryNotReadyApiTest {

    private static final EmbeddedStack STACK = EmbeddedStack.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void unreachableBroker(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int nobody = closed;
        registry.add("spring.mongodb.uri", STACK.store()::connectionString);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + nobody);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", STACK.tokens()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", STACK.tokens()::issuer);
    }

    @Test
    void everyAnswerFromTheHistoryIs503UntilItHasCaughtUpAndTheInstanceIsNotReady() throws Exception {
        String leader = STACK.tokens().issue("lee", "Lee", List.of("LEADER", "ANALYST"), "org-1", "team-1", "fife");
        for (String path : List.of("/api/dashboards/system", "/api/dashboards/system?asOf=2026-01-01T00:00:00Z",
                "/api/analytics/practice-change?bucket=month", "/api/export/learning?format=ndjson")) {
            HttpResponse<String> answer = get(path, leader);

            assertThat(answer.statusCode()).as(path).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(answer.headers().firstValue("Retry-After")).as(path).isPresent();
            assertThat(answer.body()).as(path).contains("being built").contains("\"type\":\"about:blank\"");
        }
        // Found by review: a stream was served, and its counts climbed from nothing as the history was built.
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/dashboards/system/stream")).header("Authorization", "Bearer "
                + leader).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();
        assertThat(stream.statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    /**
     * Found in review: a rebuild that names no source asks the broker where the topic begins; with the broker away it
     * waited a minute, then answered 500.
     */
    @Test
    void aRebuildThatNamesNoSourceIsToldTheBrokerIsAway() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/admin/projections/history/rebuild"))
                .header("Authorization", "Bearer " + STACK.tokens().operator("ada", "Ada"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("broker does not answer");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
