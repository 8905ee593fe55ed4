package org.hls.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.infra.embedded.DocumentedAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what, as {@code docs/security.md} writes it down: each cell of its command-service table is one test,
 * acting as a person of its own on things made for it.
 */
@IntegrationTest
class AccessMatrixApiTest extends ApiTest {

    private static final String TABLE = "## Who may do what: command-service";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORG = "org-m" + RUN;
    private static final String TEAM = "team-m";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"Seen","themes":["housing"],"perspective":"PRACTITIONER",
             "visibility":"TEAM"}""";
    private static final String EXPERIMENT = """
            {"title":"Open drop-in","hypothesis":"Drop-in helps","themes":["housing"],
             "plannedEnding":"Key workers stay","visibility":"TEAM"}""";
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    static List<DocumentedAccess.Cell> cells() throws IOException {
        return DocumentedAccess.table(Path.of("..", "docs", "security.md"), TABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachPersonMayDoWhatTheTableSays(DocumentedAccess.Cell cell) {
        String reader = "reader-" + PEOPLE.incrementAndGet() + "-" + RUN;
        String token = switch (cell.who()) {
            case "none" -> null;
            case "service" -> STACK.tokens().serviceToken("matrix-service-test", "events.read");
            default -> STACK.tokens().issue(reader, cell.who(), List.of(cell.who()), ORG, TEAM, "fife");
        };

        Answer answer = switch (cell.request()) {
            case "POST /api/learning" -> http.post("/api/learning", token, LEARNING);
            case "POST /api/experiments" -> http.post("/api/experiments", token, EXPERIMENT);
            case "POST /api/experiments/{one of their team's}/start" ->
                    http.post("/api/experiments/" + experimentOf(ORG, TEAM) + "/start", token, "{}");
            case "POST /api/experiments/{one of another team of their organisation}/start" ->
                    http.post("/api/experiments/" + experimentOf(ORG, "team-z") + "/start", token, "{}");
            case "POST /api/experiments/{one of another organisation}/start" ->
                    http.post("/api/experiments/" + experimentOf("org-z" + RUN, TEAM) + "/start", token, "{}");
            case "POST /api/sets" -> http.post("/api/sets", token, "{\"name\":\"Front door\",\"facilitator\":\""
                    + reader + "\",\"members\":[\"m1\",\"m2\",\"m3\"]}");
            case "POST /api/sets/question-check" ->
                    http.post("/api/sets/question-check", token, "{\"text\":\"What have you tried so far?\"}");
            case "POST /api/cohorts" -> http.post("/api/cohorts", token, "{\"name\":\"Stewards\",\"themes\":[]}");
            case "POST /api/stories" -> http.post("/api/stories", token,
                    "{\"text\":\"Moved four times\",\"visibility\":\"TEAM\",\"purposes\":[\"LEARNING\"]}");
            case "POST /api/exchange" -> http.post("/api/exchange", token,
                    "{\"side\":\"OFFER\",\"text\":\"Co-design\",\"themes\":[\"co-design\"],\"visibility\":\"TEAM\"}");
            case "POST /api/people/me/consent-withdrawal" ->
                    http.post("/api/people/me/consent-withdrawal", token, "{}");
            case "POST /api/people/{someone of their organisation}/consent-withdrawal" ->
                    withdrawal(personOf(ORG), token);
            case "POST /api/people/{someone of another organisation}/consent-withdrawal" ->
                    withdrawal(personOf("org-z" + RUN), token);
            case "GET /api/admin/events" -> http.get("/api/admin/events?after=" + Long.MAX_VALUE / 2, token);
            case "POST /api/admin/import" -> http.postLines("/api/admin/import", token, "");
            default -> throw new IllegalArgumentException("No way to make " + cell.request() + " in this test yet");
        };

        assertThat(answer.status()).as(answer.body()).isEqualTo(cell.status());
        if (cell.status() >= 400) {
            assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
        }
    }

    /** An experiment proposed by a practitioner of {@code team} in {@code organisation}. */
    private String experimentOf(String organisation, String team) {
        String proposer = STACK.tokens().issue("proposer-" + PEOPLE.incrementAndGet() + "-" + RUN, "Proposer",
                List.of("PRACTITIONER"), organisation, team, "fife");
        return created(http.post("/api/experiments", proposer, EXPERIMENT));
    }

    /** A person of {@code organisation} whom the platform knows: they recorded learning. */
    private String personOf(String organisation) {
        String personId = "person-" + PEOPLE.incrementAndGet() + "-" + RUN;
        created(http.post("/api/learning", STACK.tokens().issue(personId, "Person", List.of("PRACTITIONER"),
                organisation, TEAM, "fife"), LEARNING));
        return personId;
    }

    /** Withdrawal for someone else, once the directory of people knows them (404 until then, to administrators). */
    private Answer withdrawal(String personId, String token) {
        return await().atMost(PATIENCE).until(() -> http.post("/api/people/" + personId + "/consent-withdrawal",
                token, "{\"reason\":\"Asked by phone\"}"), answer -> answer.status() != 404);
    }
}
