package org.hls.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionLearningSetEnded;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.MemberJoined;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionOpened;
import org.hls.events.exchange.ExchangePosted;
import org.hls.events.exchange.ExchangeSide;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.events.story.StoryConsentNarrowed;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reads of confidential and consented content over HTTP: each answers only its audience, as a problem otherwise.
 */
@IntegrationTest
class ConfidentialReadsApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor FIONA = new Actor("fiona", "Fiona", "org-a", "team-3", "fife");
    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void aSetIsReadByItsMembersAndFacilitatorOnlyNotByLeadersOrAdministrators() {
        String setId = UUID.randomUUID().toString();
        publish(envelope(setId, 0, nextPosition(), new ActionLearningSetFormed(setId, "Front door", "fiona",
                        List.of("alice", "bob", "carol"), FIONA, AT)),
                envelope(setId, 1, nextPosition(), new SessionOpened(setId, 1, FIONA, AT)),
                envelope(setId, 2, nextPosition(), new ProblemPresented(setId, 1, "alice", "People wait weeks",
                        ALICE, AT)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                http.get("/api/sets/" + setId, token("bob", "PRACTITIONER", "team-1")).body())
                .contains("People wait weeks"));
        assertThat(http.get("/api/sets/" + setId, token("fiona", "FACILITATOR", "team-3")).status())
                .isEqualTo(200);
        for (String outsider : List.of(token("lee", "LEADER", "board"), token("ada", "ADMIN", "it"),
                token("dan", "FACILITATOR", "team-3"))) {
            Answer answer = http.get("/api/sets/" + setId, outsider);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.body()).doesNotContain("People wait weeks");
        }
        assertThat(http.get("/api/sets/" + UUID.randomUUID(), token("bob", "PRACTITIONER", "team-1")).status())
                .isEqualTo(404);
        assertThat(http.get("/api/sets/" + setId, null).status()).isEqualTo(401);
    }

    @Test
    void someoneAddedToASetLaterReadsNothingSaidBeforeTheyJoined() {
        // Found by review: a leader the facilitator added after session 1 read its problem, questions and scores.
        String setId = UUID.randomUUID().toString();
        String problem = "Rent arrears pile up " + setId;
        publish(envelope(setId, 0, nextPosition(), new ActionLearningSetFormed(setId, "Rent", "fiona",
                        List.of("alice", "bob", "carol"), FIONA, AT)),
                envelope(setId, 1, nextPosition(), new SessionOpened(setId, 1, FIONA, AT)),
                envelope(setId, 2, nextPosition(), new ProblemPresented(setId, 1, "alice", problem, ALICE, AT)),
                envelope(setId, 3, nextPosition(), new ActionCommitted(setId, 1, "a1", "Call the landlord " + setId,
                        LocalDate.of(2027, 1, 4), ALICE, AT)),
                envelope(setId, 4, nextPosition(), new SessionClosed(setId, 1, FIONA, AT)),
                envelope(setId, 5, nextPosition(), new MemberJoined(setId, "lena", FIONA, AT)),
                envelope(setId, 6, nextPosition(), new SessionOpened(setId, 2, FIONA, AT)));
        String lena = token("lena", "LEADER", "board");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/sets/" + setId, lena).body())
                .contains("\"number\":2"));
        Answer read = http.get("/api/sets/" + setId, lena);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(problem).doesNotContain("Call the landlord")
                .contains("\"withheld\":true");
        assertThat(http.get("/api/sets/mine", lena).body()).contains(setId);
        assertThat(http.get("/api/sets/" + setId, token("alice", "PRACTITIONER", "team-1")).body())
                .as("one who was there").contains(problem);
    }

    @Test
    void aPersonsSetsThatStillMeetComeBeforeThoseThatEnded() {
        String ended = UUID.randomUUID().toString();
        String meeting = UUID.randomUUID().toString();
        publish(envelope(ended, 0, nextPosition(), new ActionLearningSetFormed(ended, "Ended", "fiona",
                        List.of("ula", "bob", "carol"), FIONA, AT)),
                envelope(meeting, 0, nextPosition(), new ActionLearningSetFormed(meeting, "Meeting", "fiona",
                        List.of("ula", "bob", "carol"), FIONA, AT)),
                envelope(ended, 1, nextPosition(), new ActionLearningSetEnded(ended, FIONA, AT)));
        String ula = token("ula", "PRACTITIONER", "team-1");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/sets/mine", ula).json()
                .findValuesAsText("setId")).containsExactly(meeting, ended));
        assertThat(http.get("/api/sets/mine", ula).json().get(1).get("endedAt").asText())
                .isEqualTo(AT.toString());
    }

    @Test
    void aStoryIsReadWithinItsConsentOnly() {
        String storyId = UUID.randomUUID().toString();
        publish(envelope(storyId, 0, nextPosition(), new StoryRecorded(storyId, "Moved four times in a year",
                Visibility.ORGANISATION, List.of(StoryPurpose.LEARNING), ALICE, AT)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                http.get("/api/stories/" + storyId, token("bob", "PRACTITIONER", "team-2")).status()).isEqualTo(200));
        Answer outside = http.get("/api/stories/" + storyId,
                STACK.tokens().issue("omar", "Omar", List.of("LEADER"), "org-b", "board", "fife"));
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.body()).doesNotContain("Moved four times");
    }

    @Test
    void storiesOthersToldForLearningAreOfferedToThoseTheirConsentCoversOnly() {
        // Found by the walk-through as a person with lived experience: only one's own stories could be referred to.
        String mark = UUID.randomUUID().toString();
        String shared = UUID.randomUUID().toString();
        String forResearch = UUID.randomUUID().toString();
        String narrowed = UUID.randomUUID().toString();
        publish(envelope(shared, 0, nextPosition(), new StoryRecorded(shared, "Shared " + mark,
                        Visibility.ORGANISATION, List.of(StoryPurpose.LEARNING), ALICE, AT)),
                envelope(forResearch, 0, nextPosition(), new StoryRecorded(forResearch, "Research " + mark,
                        Visibility.ORGANISATION, List.of(StoryPurpose.RESEARCH), ALICE, AT)),
                envelope(narrowed, 0, nextPosition(), new StoryRecorded(narrowed, "Narrowed " + mark,
                        Visibility.ORGANISATION, List.of(StoryPurpose.LEARNING), ALICE, AT)),
                envelope(narrowed, 1, nextPosition(), new StoryConsentNarrowed(narrowed, Visibility.PRIVATE,
                        List.of(StoryPurpose.LEARNING), ALICE, AT)));
        String bob = token("bob", "PRACTITIONER", "team-2");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/stories/shared", bob).body())
                .contains("Shared " + mark));
        assertThat(http.get("/api/stories/shared", bob).body()).as("outside its consent")
                .doesNotContain("Research " + mark).doesNotContain("Narrowed " + mark);
        assertThat(http.get("/api/stories/shared", token("alice", "PRACTITIONER", "team-1")).body())
                .as("one's own are under mine").doesNotContain(mark);
        assertThat(http.get("/api/stories/shared", STACK.tokens().issue("omar", "Omar", List.of("LEADER"), "org-b",
                "board", "fife")).body()).as("another organisation").doesNotContain(mark);
    }

    @Test
    void overdueExperimentsAreListedForTheirTeam() {
        String experimentId = UUID.randomUUID().toString();
        publish(envelope(experimentId, 0, nextPosition(), new ExperimentProposed(experimentId, "Open drop-in", "h",
                List.of(), "p", LocalDate.of(2020, 1, 31), null, Visibility.TEAM, ALICE, AT)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                http.get("/api/experiments/overdue", token("bob", "PRACTITIONER", "team-1")).body())
                .contains(experimentId).contains("2020-01-31"));
        assertThat(http.get("/api/experiments/overdue", token("carol", "PRACTITIONER", "team-2")).body())
                .doesNotContain(experimentId);
    }

    @Test
    void theExchangeListsMatchesByTheme() {
        String theme = "theme-" + UUID.randomUUID();
        publish(envelope("o-" + theme, 0, nextPosition(), new ExchangePosted("o-" + theme, ExchangeSide.OFFER,
                        "I can teach this", List.of(theme), Visibility.SYSTEM, ALICE, AT)),
                envelope("w-" + theme, 0, nextPosition(), new ExchangePosted("w-" + theme, ExchangeSide.WISH,
                        "I would like to learn this", List.of(theme), Visibility.SYSTEM, FIONA, AT)),
                envelope("w2-" + theme, 0, nextPosition(), new ExchangePosted("w2-" + theme, ExchangeSide.WISH,
                        "Me too", List.of(theme), Visibility.SYSTEM, FIONA, AT.plusSeconds(60))));
        String omar = token("omar", "PRACTITIONER", "team-9");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/exchange/matches?theme=" + theme,
                omar).body()).contains(theme).contains("I can teach this").contains("I would like to learn this")
                .contains("Me too"));
        Answer firstPage = http.get("/api/exchange/matches?theme=" + theme + "&size=1", omar);
        assertThat(firstPage.json().findValuesAsText("postId")).containsExactly("o-" + theme, "w2-" + theme);
        assertThat(firstPage.header("Link")).isEqualTo("</api/exchange/matches?theme=" + theme
                + "&page=1&size=1>; rel=\"next\"");
        assertThat(http.get("/api/exchange/matches?theme=" + theme + "&size=1&page=1", omar).json()
                .findValuesAsText("postId")).containsExactly("w-" + theme);
        for (String refused : new String[] {"", "?theme=" + theme + "&size=0", "?theme=" + theme + "&size=101",
                "?theme=" + theme + "&page=-1"}) {
            assertThat(http.get("/api/exchange/matches" + refused, omar).status()).as(refused).isEqualTo(400);
        }
    }

    @Test
    void theExchangesThemesAreOnlyThoseOfPostsTheCallerMaySeeByPeopleWhoStillConsent() {
        // Found by an outside client: the themes of PRIVATE posts and of people who withdrew consent were listed.
        String open = "open-" + UUID.randomUUID();
        String own = "own-" + UUID.randomUUID();
        String withdrawn = "withdrawn-" + UUID.randomUUID();
        Actor wendy = new Actor("wendy-" + UUID.randomUUID(), "Wendy", "org-a", "team-1", "fife");
        publish(envelope("p-" + open, 0, nextPosition(), new ExchangePosted("p-" + open, ExchangeSide.OFFER,
                        "I can teach this", List.of(open), Visibility.SYSTEM, ALICE, AT)),
                envelope("p-" + own, 0, nextPosition(), new ExchangePosted("p-" + own, ExchangeSide.WISH,
                        "Only for me", List.of(own), Visibility.PRIVATE, ALICE, AT)),
                envelope("p-" + withdrawn, 0, nextPosition(), new ExchangePosted("p-" + withdrawn,
                        ExchangeSide.OFFER, "I can teach that", List.of(withdrawn), Visibility.SYSTEM, wendy, AT)),
                envelope(wendy.personId(), 0, nextPosition(), new ConsentWithdrawn(wendy.personId(), null, wendy,
                        AT)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/exchange/themes",
                token("alice", "PRACTITIONER", "team-1")).body()).contains(open, own).doesNotContain(withdrawn));
        assertThat(http.get("/api/exchange/themes", token("omar", "PRACTITIONER", "team-9")).body())
                .contains(open).doesNotContain(own, withdrawn);
    }

    @Test
    void aThemeIsShownAndCountedOnlyWhereItsLearningMayBeRead() {
        // Found by an outside client: the free-text themes of TEAM and ORGANISATION learning reached everyone
        // through the system dashboard, with per-team, per-day counts through its filters.
        String teamOnly = "team-only-" + UUID.randomUUID();
        String orgOnly = "org-only-" + UUID.randomUUID();
        String everyone = "everyone-" + UUID.randomUUID();
        publish(learning(teamOnly, Visibility.TEAM), learning(orgOnly, Visibility.ORGANISATION),
                learning(everyone, Visibility.SYSTEM));
        String outsider = STACK.tokens().issue("olga", "Olga", List.of("PRACTITIONER"), "org-b", "team-1", "fife");
        String analyst = STACK.tokens().issue("ann", "Ann", List.of("ANALYST"), "org-z", "research", "fife");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get("/api/dashboards/system", outsider).body())
                .contains(everyone));
        assertThat(http.get("/api/dashboards/system", outsider).body()).doesNotContain(teamOnly, orgOnly);
        // Counted as they are by the author's own team (everyone else reads them under small-number control).
        String inTheTeam = token("alf", "ANALYST", "team-1");
        String team = "organisation=org-a&team=team-1&theme=";
        for (String theme : List.of(teamOnly, orgOnly)) {
            assertThat(reflections(http.get("/api/dashboards/system?" + team + theme, inTheTeam))).as(theme).isZero();
            assertThat(http.get("/api/analytics/practice-change?bucket=month&" + team + theme, inTheTeam).body())
                    .as(theme).doesNotContain("\"REFLECTION\":1");
        }
        assertThat(reflections(http.get("/api/dashboards/organisations/org-a?team=team-1&theme=" + teamOnly,
                inTheTeam))).isZero();
        assertThat(reflections(http.get("/api/dashboards/organisations/org-a?team=team-1&theme=" + orgOnly,
                inTheTeam))).isEqualTo(1);
        assertThat(reflections(http.get("/api/dashboards/system?" + team + everyone, inTheTeam))).isEqualTo(1);
        assertThat(http.get("/api/analytics/practice-change?bucket=month", analyst).body()).contains(everyone)
                .doesNotContain(teamOnly, orgOnly);
        assertThat(http.get("/api/dashboards/organisations/org-a", token("carl", "PRACTITIONER", "team-2")).body())
                .contains(orgOnly, everyone).doesNotContain(teamOnly);
        assertThat(http.get("/api/dashboards/organisations/org-a/teams/team-1", token("bob", "PRACTITIONER",
                "team-1")).body()).contains(teamOnly, orgOnly, everyone);
    }

    private static long reflections(Answer answer) {
        assertThat(answer.json().get("smallNumbers").isNull()).as(answer.body()).isTrue();
        return answer.json().get("totals").get("reflections").asLong();
    }

    private static org.hls.events.EventEnvelope learning(String theme, Visibility visibility) {
        String learningId = UUID.randomUUID().toString();
        return envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, LearningKind.REFLECTION,
                "About " + theme, null, List.of(theme), Perspective.PRACTITIONER, visibility, null, null, null, ALICE,
                Instant.now()));
    }

    @Test
    void hostileIdsAreAnsweredAsProblems() {
        for (String id : List.of("x%00y", "a%2F..%2Fb", "%27%20or%201=1", "x".repeat(5000))) {
            Answer answer = http.get("/api/sets/" + id, token("bob", "PRACTITIONER", "team-1"));
            assertThat(answer.status()).as(id).isIn(400, 404);
            assertThat(answer.isProblem()).as(id + ": " + answer.body()).isTrue();
        }
    }

    private static String token(String sub, String role, String team) {
        return STACK.tokens().issue(sub, sub, List.of(role), "org-a", team, "fife");
    }
}
