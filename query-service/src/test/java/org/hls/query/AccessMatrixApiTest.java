package org.hls.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hls.events.Actor;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.infra.embedded.DocumentedAccess;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may read what, as {@code docs/security.md} writes it down: each cell of its query-service table is one test.
 */
@IntegrationTest
class AccessMatrixApiTest extends StackProperties {

    private static final String TABLE = "## Who may read what: query-service";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORG = "org-m" + RUN;
    private static final String TEAM = "team-m";
    private static final String SET = "set-" + RUN;
    private static final Map<String, String> PLACEHOLDERS = Map.of("{org}", ORG, "{team}", TEAM,
            "{other org}", "org-z" + RUN, "{other team}", "team-z", "{unknown}", "unknown-" + RUN,
            "{a set the reader is not in}", SET);

    @LocalServerPort
    int port;

    private Http http;
    private static boolean published;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        // Every read needs the history; a fresh instance answers 503 until it has read the topic.
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health", null).status() == 200);
        if (!published) {
            published = true;
            Actor facilitator = new Actor("fac-" + RUN, "Fac", "org-z" + RUN, "team-z", "fife");
            publish(envelope(SET, 0, nextPosition(), new ActionLearningSetFormed(SET, "Set", facilitator.personId(),
                    List.of("m1-" + RUN, "m2-" + RUN, "m3-" + RUN), facilitator, Instant.now())));
        }
    }

    static List<DocumentedAccess.Cell> cells() throws IOException {
        return DocumentedAccess.table(Path.of("..", "docs", "security.md"), TABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachReaderGetsWhatTheTableSays(DocumentedAccess.Cell cell) {
        String method = cell.request().substring(0, cell.request().indexOf(' '));
        String path = cell.request().substring(cell.request().indexOf(' ') + 1);
        for (Map.Entry<String, String> placeholder : PLACEHOLDERS.entrySet()) {
            path = path.replace(placeholder.getKey(), placeholder.getValue());
        }
        String token = tokenOf(cell.who());
        if (path.contains(SET)) {
            String set = path;
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(set, tokenOf("ADMIN")).status() != 404);
        }

        Answer answer = method.equals("POST") ? http.post(path, token, "{}") : http.get(path, token);

        assertThat(answer.status()).as(answer.body()).isEqualTo(cell.status());
        if (cell.status() >= 400) {
            assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
        }
    }

    private static String tokenOf(String who) {
        return switch (who) {
            case "none" -> null;
            case "service" -> STACK.tokens().serviceToken("matrix-service-test", "events.read");
            default -> STACK.tokens().issue("reader-" + who.toLowerCase() + "-" + RUN, who, List.of(who), ORG, TEAM,
                    "fife");
        };
    }
}
