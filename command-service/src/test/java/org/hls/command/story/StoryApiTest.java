package org.hls.command.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.OMAR;

import java.util.List;
import java.util.UUID;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@IntegrationTest
class StoryApiTest extends ApiTest {

    private static final String STORY = """
            {"text":"I was moved four times in a year.","visibility":"ORGANISATION",
             "purposes":["LEARNING","RESEARCH"]}""";

    private String alice;
    private String storyId;

    @BeforeEach
    void tell() {
        alice = tokenOf(ALICE);
        storyId = created(http.post("/api/stories", alice, STORY));
    }

    @Test
    void learningAndExperimentsReferToTheStoryInsteadOfRetellingIt() {
        String learningId = created(http.post("/api/learning", tokenOf(BOB), """
                {"kind":"REFLECTION","summary":"We asked again","themes":[],"perspective":"PRACTITIONER",
                 "visibility":"TEAM","storyId":"%s"}""".formatted(storyId)));
        String experimentId = created(http.post("/api/experiments", alice, """
                {"title":"One key worker","hypothesis":"h","themes":[],"plannedEnding":"p","visibility":"TEAM",
                 "storyId":"%s"}""".formatted(storyId)));

        // Found by review: only the 201s were looked at, not that the stored events refer to the story.
        assertThat(http.get("/api/admin/events", operatorToken()).body().lines()
                .filter(line -> line.contains(learningId) || line.contains(experimentId)))
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("\"storyId\":\"" + storyId + "\""));
    }

    @Test
    void learningSharedWithoutItsAuthorsNameDoesNotReferToAStoryTheyTold() {
        // Found by review: the entry carried the story's id, and the story its teller's name.
        String anonymous = """
                {"kind":"REFLECTION","summary":"s","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM",
                 "anonymous":true,"storyId":"%s"}""".formatted(storyId);
        long before = storedCommits();

        refused(400, "/api/learning", alice, anonymous);

        assertThat(storedCommits()).isEqualTo(before);
        created(http.post("/api/learning", tokenOf(BOB), anonymous));
    }

    @Test
    void aStoryWhoseTellerWithdrewConsentIsReferredToNoMore() {
        // Found by the walk-through as a person with lived experience: after she withdrew, a new experiment still
        // pointed at her story, and its page said only "[withdrawn]".
        String teller = STACK.tokens().issue("wyn-" + UUID.randomUUID(), "Wyn", List.of("PRACTITIONER"), "org-a",
                "team-1", "fife");
        String told = created(http.post("/api/stories", teller, STORY));
        assertThat(http.post("/api/people/me/consent-withdrawal", teller, "{}").status()).isEqualTo(200);

        Answer answer = refused(409, "/api/learning", tokenOf(BOB), """
                {"kind":"REFLECTION","summary":"s","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM",
                 "storyId":"%s"}""".formatted(told));

        assertThat(answer.json().get("detail").asText()).contains("withdrawn");
    }

    @Test
    void someoneOutsideTheConsentCannotReferToIt() {
        refused(404, "/api/learning", tokenOf(OMAR), """
                {"kind":"REFLECTION","summary":"s","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM",
                 "storyId":"%s"}""".formatted(storyId));
    }

    @Test
    void theTellerNarrowsConsentAndItAppliesAtOnce() {
        assertThat(http.post(path(), alice, "{\"visibility\":\"ORGANISATION\",\"purposes\":[\"RESEARCH\"]}")
                .status()).isEqualTo(200);

        // To others it is now a story they cannot read; its teller is told why.
        refused(404, "/api/learning", tokenOf(BOB), """
                {"kind":"REFLECTION","summary":"s","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM",
                 "storyId":"%s"}""".formatted(storyId));
        refused(403, "/api/learning", alice, """
                {"kind":"REFLECTION","summary":"s","themes":[],"perspective":"PRACTITIONER","visibility":"TEAM",
                 "storyId":"%s"}""".formatted(storyId));
    }

    @Test
    void consentIsNeverWidenedAndOnlyByTheTeller() {
        // Found by the walk-through in Welsh: the refusal named the visibility and purposes as the API does.
        Answer wider = refused(409, path(), alice, "{\"visibility\":\"SYSTEM\",\"purposes\":[\"LEARNING\"]}");
        assertThat(wider.json().get("detail").asText()).contains("cannot be widened to the whole system")
                .doesNotContain("SYSTEM");
        assertThat(http.post(path(), alice, "{\"visibility\":\"TEAM\",\"purposes\":[]}").status()).isEqualTo(200);
        Answer none = refused(409, path(), alice, "{\"visibility\":\"TEAM\",\"purposes\":[\"LEARNING\"]}");
        assertThat(none.json().get("detail").asText()).contains("may no longer be used for anything");
        refused(403, path(), tokenOf(BOB), "{\"visibility\":\"PRIVATE\",\"purposes\":[]}");
        refused(404, "/api/stories/00000000-0000-0000-0000-000000000000/consent", alice,
                "{\"visibility\":\"PRIVATE\",\"purposes\":[]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"t\",\"visibility\":\"TEAM\",\"purposes\":[]}",
            "{\"text\":\" \",\"visibility\":\"TEAM\",\"purposes\":[\"LEARNING\"]}",
            "{\"text\":\"t\",\"visibility\":\"TEAM\",\"purposes\":[\"SELLING\"]}",
            "{\"text\":\"t\",\"purposes\":[\"LEARNING\"]}"})
    void anInvalidStoryIsRefused(String body) {
        refused(400, "/api/stories", alice, body);
    }

    private String path() {
        return "/api/stories/" + storyId + "/consent";
    }
}
