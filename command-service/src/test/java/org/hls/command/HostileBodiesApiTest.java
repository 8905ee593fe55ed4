package org.hls.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.CAROL;
import static org.hls.command.support.People.FIONA;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.infra.embedded.Hostile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whatever body and headers a caller sends with a command, the answer is the 2xx of a valid command or a 4xx
 * problem: never a 5xx, never a Java name, and a refused command records nothing (every commit stored while an
 * endpoint is tried belongs to a command answered 2xx). The bodies are generated from a valid example of each command
 * by {@link Hostile}: fields missing, null, of the wrong type, enum ordinals, duplicated, MongoDB operators, unicode
 * edge cases, extreme dates and sizes, deep nesting, broken JSON; with odd {@code Accept} and {@code Content-Type}
 * headers. A failure names the seed that replays it ({@code -Dhostile.seed=}); {@code -Dhostile.cases=} runs more.
 */
@IntegrationTest
class HostileBodiesApiTest extends ApiTest {

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersAnyBodyWithAProblemOrAsValidAndRecordsNothingItRefused() {
        return commands().stream().map(command -> DynamicTest.dynamicTest(command.label(), () -> {
            String path = command.path();
            String token = tokenOf(command.caller());
            long before = storedCommits();
            int accepted = 0;
            for (Hostile.Request request : Hostile.requests(command.example(), command.label())) {
                Answer answer = http.post(path, token, request.headers(), request.body());

                String seen = request + " answered " + answer.status() + " " + answer.body();
                assertThat(answer.status()).as(seen).isBetween(200, 499);
                assertThat(answer.body()).as(seen).doesNotContain("Exception", "at org.", "java.", "tools.jackson",
                        "com.fasterxml", "[Ljava");
                if (answer.status() >= 400 && answer.status() != 406) {
                    assertThat(answer.isProblem()).as(seen).isTrue();
                }
                if (answer.status() < 300) {
                    accepted++;
                }
            }
            assertThat(storedCommits() - before).as("commits stored for %s: one per command answered 2xx", path)
                    .isEqualTo(accepted);
        }));
    }

    /** Each command with a valid body; the thing it acts on (its {id}) is made when its test starts. */
    private List<Command> commands() {
        return List.of(
                new Command(ALICE, "/api/learning", null, """
                        {"kind":"REFLECTION","summary":"People came back","detail":"Twice","themes":["housing"],
                         "perspective":"PRACTITIONER","visibility":"TEAM"}"""),
                new Command(ALICE, "/api/experiments", null, """
                        {"title":"Open drop-in","hypothesis":"Drop-in helps","themes":["housing"],
                         "plannedEnding":"Key workers stay","endsBy":"2099-01-31","visibility":"TEAM"}"""),
                new Command(ALICE, "/api/experiments/{id}/adaptations", this::startedExperiment,
                        "{\"change\":\"Evenings too\",\"reason\":\"Most work days\"}"),
                new Command(ALICE, "/api/experiments/{id}/conclusion", this::startedExperiment, """
                        {"outcome":"AMPLIFY","summary":"They came","ending":"AS_PLANNED","endingNote":"Kept"}"""),
                new Command(ALICE, "/api/learning/{id}/amplification", this::learning,
                        "{\"visibility\":\"SYSTEM\"}"),
                new Command(ALICE, "/api/learning/{id}/retraction", this::learning, "{\"reason\":\"Twice\"}"),
                new Command(FIONA, "/api/sets", null,
                        "{\"name\":\"Front door\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\"]}"),
                new Command(FIONA, "/api/sets/{id}/members", this::set, "{\"memberId\":\"dan\"}"),
                new Command(ALICE, "/api/sets/{id}/sessions/1/presentation", this::setInSession,
                        "{\"presenter\":\"alice\",\"problem\":\"People wait weeks\"}"),
                new Command(BOB, "/api/sets/{id}/sessions/1/questions", this::setInSession,
                        "{\"text\":\"What happens just before?\"}"),
                new Command(ALICE, "/api/sets/{id}/sessions/1/insights", this::setInSession,
                        "{\"text\":\"The form asks too much\"}"),
                new Command(ALICE, "/api/sets/{id}/sessions/1/actions", this::setInSession,
                        "{\"text\":\"Ask three families\",\"dueBy\":\"2099-01-31\"}"),
                new Command(CAROL, "/api/sets/{id}/sessions/1/evaluations", this::setInSession,
                        "{\"score\":5,\"comment\":\"Felt safe\"}"),
                new Command(ALICE, "/api/sets/{id}/sessions/1/updates", this::setInSession,
                        "{\"actionId\":\"a1\",\"status\":\"DONE\",\"note\":\"All three\"}"),
                new Command(ALICE, "/api/stories", null,
                        "{\"text\":\"Moved four times\",\"visibility\":\"TEAM\",\"purposes\":[\"LEARNING\"]}"),
                new Command(ALICE, "/api/stories/{id}/consent", this::story,
                        "{\"visibility\":\"PRIVATE\",\"purposes\":[]}"),
                new Command(FIONA, "/api/cohorts", null, "{\"name\":\"Stewards\",\"themes\":[\"housing\"]}"),
                new Command(ALICE, "/api/exchange", null, """
                        {"side":"OFFER","text":"Co-design","themes":["co-design"],"visibility":"TEAM"}"""));
    }

    private String startedExperiment() {
        String id = created(http.post("/api/experiments", tokenOf(ALICE), """
                {"title":"Evening drop-in","hypothesis":"People who work come","themes":["housing"],
                 "plannedEnding":"Back to days","visibility":"TEAM"}"""));
        assertThat(http.post("/api/experiments/" + id + "/start", tokenOf(ALICE), "{}").status()).isEqualTo(200);
        return id;
    }

    private String learning() {
        return created(http.post("/api/learning", tokenOf(ALICE), """
                {"kind":"BREAKTHROUGH","summary":"Two came back","themes":["housing"],
                 "perspective":"PRACTITIONER","visibility":"PRIVATE"}"""));
    }

    private String set() {
        return created(http.post("/api/sets", tokenOf(FIONA),
                "{\"name\":\"Front door\",\"facilitator\":\"fiona\",\"members\":[\"alice\",\"bob\",\"carol\"]}"));
    }

    private String setInSession() {
        String id = set();
        assertThat(http.post("/api/sets/" + id + "/sessions", tokenOf(FIONA), "{}").status()).isEqualTo(201);
        return id;
    }

    private String story() {
        return created(http.post("/api/stories", tokenOf(ALICE),
                "{\"text\":\"Moved four times\",\"visibility\":\"SYSTEM\",\"purposes\":[\"LEARNING\",\"RESEARCH\"]}"));
    }

    /** A command: who sends it, where (made when its test starts) and a valid body to vary. */
    /** A command: who sends it, its path ({id} made by {@code made}), and a valid body to vary. */
    private record Command(Caller caller, String label, Supplier<String> made, String example) {

        String path() {
            return made == null ? label : label.replace("{id}", made.get());
        }
    }
}
