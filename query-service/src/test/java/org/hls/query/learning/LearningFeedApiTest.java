package org.hls.query.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class LearningFeedApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    @LocalServerPort
    int port;

    private Http http;
    private String team;
    private Actor author;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        team = "team-" + UUID.randomUUID();
        author = new Actor("author-" + team, "Author", "org-feed", team, "fife");
    }

    @Test
    void theFeedShowsTheTeamItsOwnLearningNewestFirstAndOthersNothingOfIt() {
        String first = record(Visibility.TEAM, LearningKind.DISAPPOINTMENT);
        String second = record(Visibility.TEAM, LearningKind.BREAKTHROUGH);
        String mate = token("mate-" + team, team);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(http.get("/api/learning?size=100", mate)))
                .containsSubsequence(second, first));
        assertThat(ids(http.get("/api/learning?kind=DISAPPOINTMENT&size=100", mate))).contains(first)
                .doesNotContain(second);
        assertThat(ids(http.get("/api/learning?place=fife&organisation=org-feed&team=" + team + "&size=100", mate)))
                .containsExactly(second, first);
        assertThat(ids(http.get("/api/learning?organisation=org-elsewhere&size=100", mate))).doesNotContain(first);
        assertThat(ids(http.get("/api/learning?size=100", token("stranger-" + team, "another-team"))))
                .doesNotContain(first, second);
    }

    @Test
    void anExperimentShowsItsTimelineToThoseWhoMaySeeIt() {
        String experimentId = UUID.randomUUID().toString();
        publish(envelope(experimentId, 0, nextPosition(), new ExperimentProposed(experimentId, "Open drop-in", "h",
                List.of(), "p", null, null, Visibility.TEAM, author, AT)));
        String mate = token("mate-" + team, team);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                http.get("/api/experiments/" + experimentId, mate).json().at("/timeline/0/type").asText())
                .isEqualTo("ExperimentProposed"));
        Answer stranger = http.get("/api/experiments/" + experimentId, token("stranger-" + team, "another-team"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.isProblem()).isTrue();
        assertThat(http.get("/api/experiments/" + experimentId + "/history", mate).json()
                .at("/moments/0/after/status").asText()).isEqualTo("PROPOSED");
        assertThat(http.get("/api/experiments/" + experimentId + "/history",
                token("stranger-" + team, "another-team")).status()).isEqualTo(404);
        assertThat(http.get("/api/experiments/unknown-experiment/history", mate).status()).isEqualTo(404);
    }

    @Test
    void aPersonsOwnExperimentsComeAPageAtATimeNewestFirst() {
        // Found by an outside client: the list was sent whole, however long.
        String older = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        String self = token(author.personId(), team);
        // One after the other, as one person proposes them (two aggregates' events may be applied in either order).
        publish(envelope(older, 0, nextPosition(), new ExperimentProposed(older, "Older", "h", List.of(), "p", null,
                null, Visibility.TEAM, author, AT)));
        await().atMost(PATIENCE).until(() -> http.get("/api/experiments/mine", self).body().contains(older));
        publish(envelope(newer, 0, nextPosition(), new ExperimentProposed(newer, "Newer", "h", List.of(), "p", null,
                null, Visibility.TEAM, author, AT.plusSeconds(60))));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/experiments/mine?size=1", self)
                .json().findValuesAsText("experimentId")).containsExactly(newer));
        assertThat(http.get("/api/experiments/mine?size=1&page=1", self).json().findValuesAsText("experimentId"))
                .containsExactly(older);
        assertThat(http.get("/api/experiments/mine", self).json().findValuesAsText("experimentId"))
                .containsExactly(newer, older);
        for (String query : new String[] {"size=0", "size=101", "page=-1", "page=x"}) {
            Answer refused = http.get("/api/experiments/mine?" + query, self);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.isProblem()).as(query).isTrue();
        }
    }

    @Test
    void teammatesFindTheExperimentsProposedForTheirTeamOrWiderButNotOnesProposedForTheProposerAlone() {
        // Found when tried as a teammate would: a team's experiment could be chosen to record learning within only by
        // following a link to it.
        String forTheTeam = propose("Shared rota", Visibility.TEAM, author);
        String forThemselves = propose("A private hunch", Visibility.PRIVATE, author);
        String forEveryone = propose("Open drop-in", Visibility.SYSTEM, author);
        String elsewhere = propose("Same team name, another organisation", Visibility.TEAM,
                new Actor("other-" + team, "Other", "org-other", team, "fife"));
        Actor gone = new Actor("gone-" + team, "Gone", "org-feed", team, "fife");
        String ofSomeoneWhoWithdrew = propose("Nothing of theirs can be read", Visibility.TEAM, gone);
        publish(envelope(gone.personId(), 0, nextPosition(), new ConsentWithdrawn(gone.personId(), null, gone, AT)));
        String mate = token("mate-" + team, team);

        await().atMost(PATIENCE).until(() -> http.get("/api/experiments/" + ofSomeoneWhoWithdrew, mate).json()
                .path("title").asText().equals("[withdrawn]"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/experiments/team", mate).json()
                .findValuesAsText("experimentId")).containsExactly(forEveryone, forTheTeam));
        Answer first = http.get("/api/experiments/team?size=1", mate);
        assertThat(first.json().findValuesAsText("experimentId")).containsExactly(forEveryone);
        assertThat(first.json().findValuesAsText("proposer")).containsExactly("Author");
        assertThat(first.header("Link")).isEqualTo("</api/experiments/team?page=1&size=1>; rel=\"next\"");
        assertThat(http.get("/api/experiments/team?size=1&page=1", mate).json().findValuesAsText("experimentId"))
                .containsExactly(forTheTeam);
        assertThat(http.get("/api/experiments/team", token(author.personId(), team)).json()
                .findValuesAsText("experimentId")).as("their own are under /mine").isEmpty();
        assertThat(http.get("/api/experiments/team", token("stranger-" + team, "another-team")).json()
                .findValuesAsText("experimentId")).doesNotContain(forTheTeam, forThemselves, forEveryone, elsewhere,
                        ofSomeoneWhoWithdrew);
        assertThat(http.get("/api/experiments/team", STACK.tokens().issue("teamless-" + team, "T",
                List.of("PRACTITIONER"), "org-feed", null, "fife")).json()).isEmpty();
        for (String query : new String[] {"size=0", "size=101", "page=-1", "page=x", "team=another-team"}) {
            assertThat(http.get("/api/experiments/team?" + query, mate).status()).as(query).isEqualTo(400);
            assertThat(http.get("/api/experiments/mine?" + query, mate).status()).as(query).isEqualTo(400);
        }
    }

    /** Found when tried as a team would: a hunch its proposer kept to themselves could never be shared with the team. */
    @Test
    void aPrivateExperimentItsProposerSharesWithTheTeamIsFoundAndReadByTeammatesFromThen() {
        String hunch = propose("A private hunch", Visibility.PRIVATE, author);
        String mate = token("mate-" + team, team);
        String proposer = token(author.personId(), team);
        await().atMost(PATIENCE).until(() -> http.get("/api/experiments/" + hunch, proposer).status() == 200);
        assertThat(http.get("/api/experiments/" + hunch, mate).status()).isEqualTo(404);

        publish(envelope(hunch, 1, nextPosition(), new ExperimentAmplified(hunch, Visibility.TEAM, Visibility.PRIVATE,
                author, AT)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/experiments/team", mate).json()
                .findValuesAsText("experimentId")).contains(hunch));
        Answer read = http.get("/api/experiments/" + hunch, mate);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("visibility").asText()).isEqualTo("TEAM");
        assertThat(read.json().path("timeline").findValuesAsText("type")).containsExactly("ExperimentProposed",
                "ExperimentAmplified");
        assertThat(http.get("/api/experiments/" + hunch, token("stranger-" + team, "another-team")).status())
                .as("another team's").isEqualTo(404);
    }

    private String propose(String title, Visibility visibility, Actor proposer) {
        String experimentId = UUID.randomUUID().toString();
        publish(envelope(experimentId, 0, nextPosition(), new ExperimentProposed(experimentId, title, "h", List.of(),
                "p", null, null, visibility, proposer, AT)));
        return experimentId;
    }

    @Test
    void aPersonFindsWhatTheyRecordedUnderTheirNameWhateverItsAudienceAndOnlyThat() {
        // Found when tried on a second device: only the device an entry was recorded on offered to widen or take it back.
        String retracted = record(Visibility.TEAM, LearningKind.REFLECTION);
        publish(envelope(retracted, 1, nextPosition(), new LearningRetracted(retracted, "Too soon", author, AT)));
        String own = record(Visibility.PRIVATE, LearningKind.REFLECTION);
        String team = record(Visibility.TEAM, LearningKind.DISAPPOINTMENT);
        String system = record(Visibility.SYSTEM, LearningKind.BREAKTHROUGH);
        String anonymous = UUID.randomUUID().toString();
        publish(envelope(anonymous, 0, nextPosition(), new LearningRecorded(anonymous, LearningKind.BREAKTHROUGH,
                "Unnamed", null, List.of(), Perspective.PRACTITIONER, Visibility.SYSTEM, null, null, null,
                new Actor(Actor.PSEUDONYM_PREFIX + anonymous, null, "org-feed", this.team, "fife"), AT)));
        String mate = "mate-" + this.team;
        String matesOwn = UUID.randomUUID().toString();
        publish(envelope(matesOwn, 0, nextPosition(), new LearningRecorded(matesOwn, LearningKind.REFLECTION, "Mate's",
                null, List.of(), Perspective.PRACTITIONER, Visibility.TEAM, null, null, null,
                new Actor(mate, "Mate", "org-feed", this.team, "fife"), AT)));
        String self = token(author.personId(), this.team);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(http.get("/api/learning/mine", self)))
                .containsExactly(system, team, own));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(http.get("/api/learning/mine", token(mate,
                this.team)))).containsExactly(matesOwn));
        Answer first = http.get("/api/learning/mine?size=2", self);
        assertThat(ids(first)).containsExactly(system, team);
        assertThat(first.json().at("/items/0/visibility").asText()).isEqualTo("SYSTEM");
        assertThat(ids(http.get("/api/learning/mine?size=2&before=" + first.json().get("next").asLong(), self)))
                .containsExactly(own);
        assertThat(ids(http.get("/api/learning/mine", token("stranger-" + this.team, "another-team")))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("badParametersOfMine")
    void badParametersOfOnesOwnLearningAreRefused(String query) {
        Answer answer = http.get("/api/learning/mine?" + query, token("someone", team));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
    }

    static Stream<String> badParametersOfMine() {
        return Stream.of("size=0", "size=101", "before=x", "author=someone-else", "kind=BREAKTHROUGH");
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void badParametersAreRefused(String query) {
        Answer answer = http.get("/api/learning?" + query, token("someone", team));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
    }

    static Stream<String> badParameters() {
        return Stream.of("size=0", "size=101", "kind=breakthrough", "from=yesterday", "before=x",
                // Found by review: these answered 500, or were taken as they came.
                "from=%2B1000000000-01-01T00:00:00Z", "to=-1000000000-01-01T00:00:00Z", "to=%2B10000-01-01T00:00:00Z",
                "from=2026-12-02&to=2026-12-01", "theme=" + "a".repeat(101),
                // Found by review: a misspelt or unknown filter answered the whole feed, as if it were not there.
                "kinds=BREAKTHROUGH", "organization=org-a", "asOf=2026-11-01T00:00:00Z",
                "team=" + "a".repeat(101), "place=fi%07fe");
    }

    private String record(Visibility visibility, LearningKind kind) {
        String learningId = UUID.randomUUID().toString();
        publish(envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, kind, "Summary", null,
                List.of(), Perspective.PRACTITIONER, visibility, null, null, null, author, AT)));
        return learningId;
    }

    private static List<String> ids(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("items").findValuesAsText("id");
    }

    private static String token(String sub, String team) {
        return STACK.tokens().issue(sub, sub, List.of("PRACTITIONER"), "org-feed", team, "fife");
    }
}
