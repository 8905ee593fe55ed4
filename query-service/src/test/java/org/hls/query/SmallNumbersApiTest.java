package org.hls.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.support.Http;
import org.hls.query.support.Http.EventStream;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Counts shown outside the one team they count: none reads "fewer than 3", one or two read that or 5 as their
 * records draw, the rest are moved by up to 2 and rounded to five, so that no two views recover a suppressed count by
 * subtraction. One team records four reflections on "rota" on a Monday and one on
 * "night" the day after: the one on "night" is what no outsider may count, by any view or any pair of views.
 */
@IntegrationTest
class SmallNumbersApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORG = "org-" + RUN;
    private static final String ROTA = "rota-" + RUN;
    private static final String NIGHT = "night-" + RUN;
    private static final Actor AUTHOR = new Actor("author-" + RUN, "Author", ORG, "team-a", "fife");
    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-03T10:00:00Z");
    private static final String TEAM_DASHBOARD = "/api/dashboards/organisations/" + ORG + "/teams/team-a";

    private static boolean recorded;

    @LocalServerPort
    int port;

    private Http http;
    private String member;
    private String analyst;
    private String colleague;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        awaitReady(port); // a stream starts once the history has caught up
        member = STACK.tokens().issue("teammate-" + RUN, "Teammate", List.of("PRACTITIONER"), ORG, "team-a", "fife");
        analyst = STACK.tokens().issue("analyst-" + RUN, "Analyst", List.of("ANALYST"), "elsewhere", "research",
                "fife");
        colleague = STACK.tokens().issue("colleague-" + RUN, "Colleague", List.of("PRACTITIONER"), ORG, "team-b",
                "fife");
        if (!recorded) {
            recorded = true;
            for (int i = 0; i < 4; i++) {
                record("rota-" + i + "-" + RUN, MONDAY.plusSeconds(i), ROTA);
            }
            record("night-" + RUN, TUESDAY, NIGHT);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(reflections(member, TEAM_DASHBOARD)).isEqualTo(5));
    }

    @Test
    void theTeamItselfSeesEveryCountAsItIs() {
        JsonNode dashboard = http.get(TEAM_DASHBOARD + "?theme=" + NIGHT, member).json();

        assertThat(dashboard.get("totals").get("reflections").asLong()).isEqualTo(1);
        assertThat(dashboard.get("smallNumbers").isNull()).isTrue();
        assertThat(reflections(member, TEAM_DASHBOARD + "?theme=" + ROTA)).isEqualTo(4);
    }

    @Test
    void aCountBelowThreeReadsFewerThanThreeOrFiveOutsideTheTeam() {
        // Found when counting: an analyst, or anyone through the whole-system dashboard's filters, read a team's one
        // entry of a day or a theme as "1".
        for (String view : List.of(TEAM_DASHBOARD + "?theme=" + NIGHT,
                TEAM_DASHBOARD + "?from=2026-11-03&to=2026-11-03",
                "/api/dashboards/system?organisation=" + ORG + "&team=team-a&theme=" + NIGHT)) {
            JsonNode dashboard = http.get(view, analyst).json();
            heldBack(dashboard.get("totals").get("reflections"), view);
            heldBack(dashboard.get("perspectives").get("PRACTITIONER"), view);
            assertThat(dashboard.get("totals").get("breakthroughs").isNull()).as("none: " + view).isTrue();
            assertThat(dashboard.get("smallNumbers").get("fewerThan").asInt()).as(view).isEqualTo(3);
            assertThat(dashboard.get("smallNumbers").get("roundedTo").asInt()).as(view).isEqualTo(5);
        }
        JsonNode byColleague = http.get("/api/dashboards/organisations/" + ORG + "?team=team-a&theme=" + NIGHT,
                colleague).json();
        heldBack(byColleague.get("totals").get("reflections"), "the colleague's view");
        JsonNode analytics = http.get("/api/analytics/practice-change?organisation=" + ORG + "&team=team-a&theme="
                + NIGHT + "&from=2026-11-02&to=2026-11-08", analyst).json();
        heldBack(analytics.get("buckets").get(0).get("learning").get("REFLECTION"), "the analytics");
        assertThat(analytics.get("smallNumbers").get("fewerThan").asInt()).isEqualTo(3);
    }

    /** Found when narrowing: an empty half of a window read 0, so halving windows found the moment of an entry. */
    @Test
    void anEmptyWindowReadsAsOneHoldingAnEntryMostOftenDoes() {
        for (String window : List.of("from=2026-11-03T00:00:00Z&to=2026-11-03T09:59:59Z",
                "from=2026-11-04&to=2026-11-04")) {
            JsonNode dashboard = http.get(TEAM_DASHBOARD + "?theme=" + NIGHT + "&" + window, analyst).json();
            assertThat(dashboard.get("totals").get("reflections").isNull()).as(window).isTrue();
        }
        heldBack(http.get(TEAM_DASHBOARD + "?theme=" + NIGHT + "&from=2026-11-03T10:00:00Z&to=2026-11-03T23:59:59Z",
                analyst).json().get("totals").get("reflections"), "the window holding the entry");
        assertThat(http.get(TEAM_DASHBOARD + "?theme=" + NIGHT + "&from=2026-11-04&to=2026-11-04", member).json()
                .get("totals").get("reflections").asLong()).as("the team itself sees its empty day").isZero();
    }

    @Test
    void noTwoDaysRecoverTheSuppressedCount() {
        long untilMonday = reflections(analyst, TEAM_DASHBOARD + "?to=2026-11-02");
        long untilTuesday = reflections(analyst, TEAM_DASHBOARD + "?to=2026-11-03");

        assertThat(untilTuesday - untilMonday).as("4 and 5 are both shown as 5").isZero();
    }

    @Test
    void noTwoInstantsRecoverTheSuppressedCount() {
        long mondayNight = reflections(analyst, TEAM_DASHBOARD + "?asOf=2026-11-02T23:00:00Z");
        long tuesdayNight = reflections(analyst, TEAM_DASHBOARD + "?asOf=2026-11-03T23:00:00Z");

        assertThat(tuesdayNight - mondayNight).isZero();
    }

    @Test
    void noTwoFiltersRecoverTheSuppressedCount() {
        long everyTheme = reflections(analyst, TEAM_DASHBOARD);
        long rotaOnly = reflections(analyst, TEAM_DASHBOARD + "?theme=" + ROTA);
        long organisation = reflections(colleague, "/api/dashboards/organisations/" + ORG);
        long teamFromTheOrganisation = reflections(colleague, "/api/dashboards/organisations/" + ORG
                + "?team=team-a&theme=" + ROTA);

        assertThat(everyTheme - rotaOnly).isZero();
        assertThat(organisation).as("5 rounded to 5").isEqualTo(5);
        assertThat(organisation - teamFromTheOrganisation).isZero();
        JsonNode themes = http.get(TEAM_DASHBOARD, analyst).json().get("themes");
        assertThat(themes.toString()).contains("{\"theme\":\"" + ROTA + "\",\"count\":5}");
        themes.forEach(theme -> {
            if (theme.get("theme").asText().equals(NIGHT)) {
                heldBack(theme.get("count"), "the night's theme");
            }
        });
    }

    /**
     * Found when subtracting: an organisation's counts were exact to its people, so a member of another team took
     * their own team's exact count (or what they may read one by one) from the organisation's Tuesday and had the
     * one entry nobody outside its team may count.
     */
    @Test
    void noWiderViewLessWhatAReaderCountsExactlyRecoversTheSuppressedCount() {
        String leaderOfNoTeam = STACK.tokens().issue("leader-" + RUN, "Leader", List.of("LEADER"), ORG, null,
                "fife");
        String tuesday = "from=2026-11-03&to=2026-11-03";
        JsonNode ownTeam = http.get("/api/dashboards/organisations/" + ORG + "/teams/team-b?" + tuesday, colleague)
                .json();
        assertThat(ownTeam.get("smallNumbers").isNull()).as("the colleague's own team, exact").isTrue();
        assertThat(ownTeam.get("totals").get("reflections").asLong()).isZero();
        for (String reader : List.of(colleague, leaderOfNoTeam)) {
            for (String view : List.of("/api/dashboards/organisations/" + ORG + "?" + tuesday,
                    "/api/dashboards/system?organisation=" + ORG + "&" + tuesday)) {
                JsonNode dashboard = http.get(view, reader).json();
                heldBack(dashboard.get("totals").get("reflections"), view);
                assertThat(dashboard.get("smallNumbers").get("fewerThan").asInt()).as(view).isEqualTo(3);
                assertThat(dashboard.get("smallNumbers").size()).as("the secret stays in").isEqualTo(2);
            }
            assertThat(http.get("/api/dashboards/system", reader).json().get("smallNumbers").isNull())
                    .as("the whole system holds the team too").isFalse();
        }
    }

    @Test
    void aTeamsStreamReadFromOutsideIsUnderTheSameControl() {
        try (EventStream stream = http.stream("/api/dashboards/system/stream?organisation=" + ORG
                + "&team=team-a&theme=" + NIGHT, analyst)) {
            await().atMost(PATIENCE).until(() -> !stream.data().isEmpty());
            heldBack(stream.last().get("totals").get("reflections"), "the stream");
            assertThat(stream.last().get("smallNumbers").isNull()).isFalse();
        }
    }

    /** A count of one or two as shown outside its team: "fewer than 3" or 5 as its records draw, never itself. */
    private static void heldBack(JsonNode figure, String view) {
        assertThat(figure.isNull() || figure.asLong() == 5).as(view + ": " + figure).isTrue();
    }

    private long reflections(String token, String view) {
        return http.get(view, token).json().get("totals").get("reflections").asLong();
    }

    private static void record(String learningId, Instant at, String theme) {
        publish(envelope(learningId, 0, nextPosition(), new LearningRecorded(learningId, LearningKind.REFLECTION,
                "Summary " + learningId, null, List.of(theme), Perspective.PRACTITIONER, Visibility.SYSTEM, null,
                null, null, AUTHOR, at)));
    }
}
