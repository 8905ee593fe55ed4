package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.infra.embedded.ApiLint;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description clients are written against passes Redocly CLI's recommended rules: every operation has a
 * summary, every problem it may answer is documented with the problem schema, the bearer scheme is declared.
 * Redocly CLI runs through {@code npx} (Debian's {@code nodejs} and {@code npm}; {@code .ci/run} installs them).
 */
@IntegrationTest
class ApiDescriptionTest extends ApiTest {

    @Test
    void theApiDescriptionPassesRedoclysRecommendedRules() throws Exception {
        Answer description = http.get("/v3/api-docs", null);
        assertThat(description.status()).isEqualTo(200);

        ApiLint.Result lint = ApiLint.lint(description.body(), Path.of("target", "api", "command-service.json"));

        // The one warning left: no licence is declared, because the project has not chosen one yet.
        assertThat(lint.problems()).as(lint.output()).containsOnly("warning info-license");
    }
}
