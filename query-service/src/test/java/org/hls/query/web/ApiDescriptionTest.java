package org.hls.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.infra.embedded.ApiLint;
import org.hls.query.support.Http;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI description clients are written against passes Redocly CLI's recommended rules: every operation has a
 * summary, every problem it may answer is documented with the problem schema, the bearer scheme is declared.
 * Redocly CLI runs through {@code npx} (Debian's {@code nodejs} and {@code npm}; {@code .ci/run} installs them).
 */
@IntegrationTest
class ApiDescriptionTest extends StackProperties {

    @LocalServerPort
    int port;

    @Test
    void theApiDescriptionPassesRedoclysRecommendedRules() throws Exception {
        Http.Answer description = new Http(port).get("/v3/api-docs", null);
        assertThat(description.status()).isEqualTo(200);

        ApiLint.Result lint = ApiLint.lint(description.body(), Path.of("target", "api", "query-service.json"));

        // The one warning left: no licence is declared, because the project has not chosen one yet.
        assertThat(lint.problems()).as(lint.output()).containsOnly("warning info-license");
    }

    /** Found reading the description: the streams' handlers write the stream themselves, and it named no content. */
    @Test
    void eachDashboardStreamDescribesTheDashboardsItSends() {
        JsonNode paths = new Http(port).get("/v3/api-docs", null).json().get("paths");

        for (String stream : List.of("/api/dashboards/system/stream",
                "/api/dashboards/organisations/{organisation}/stream",
                "/api/dashboards/organisations/{organisation}/teams/{team}/stream")) {
            JsonNode sent = paths.path(stream).path("get").path("responses").path("200").path("content")
                    .path("text/event-stream").path("schema").path("$ref");
            assertThat(sent.asText()).as(stream).isEqualTo("#/components/schemas/Dashboard");
        }
    }
}
