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

    /**
     * Found in review: the reads that take the filters described one required object parameter instead of each
     * filter, though the README says every call is described.
     */
    @Test
    void eachReadThatTakesTheFiltersNamesEachOfThem() {
        JsonNode paths = new Http(port).get("/v3/api-docs", null).json().get("paths");

        for (String read : List.of("/api/dashboards/system", "/api/dashboards/system/stream",
                "/api/dashboards/organisations/{organisation}/teams/{team}", "/api/analytics/practice-change",
                "/api/export/learning", "/api/export/experiments")) {
            List<String> named = new java.util.ArrayList<>();
            paths.path(read).path("get").path("parameters").forEach(parameter -> {
                assertThat(parameter.path("required").asBoolean()).as(read + " " + parameter)
                        .isEqualTo("path".equals(parameter.path("in").asText()));
                named.add(parameter.path("in").asText() + " " + parameter.path("name").asText());
            });
            assertThat(named).as(read).contains("query place", "query theme", "query from", "query to",
                    "query asOf").doesNotContain("query reader");
            assertThat(named).as(read).containsAll(read.contains("{team}")
                    ? List.of("path organisation", "path team") : List.of("query organisation", "query team"));
        }
    }

    /** Found with it: each read asked for a required "reader", which the token gives, never the request. */
    @Test
    void noReadAsksForItsReaderAsAParameter() {
        JsonNode paths = new Http(port).get("/v3/api-docs", null).json().get("paths");

        assertThat(paths.findValues("parameters")).allSatisfy(parameters -> parameters.forEach(parameter ->
                assertThat(parameter.path("name").asText()).isNotEqualTo("reader")));
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
