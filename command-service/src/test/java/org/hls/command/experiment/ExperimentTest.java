package org.hls.command.experiment;

import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.CAROL;
import static org.hls.command.support.People.FIONA;
import static org.hls.command.support.People.LEE;
import static org.hls.command.support.People.OLIVE;
import static org.hls.command.support.People.OMAR;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.support.FakeStories;
import org.hls.command.support.Refused;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final String EXPERIMENT_ID = "exp-1";
    private static final String STORY_ID = "story-1";
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final LocalDate ENDS_BY = LocalDate.parse("2027-03-31");
    private static final ExperimentProposed PROPOSED = new ExperimentProposed(EXPERIMENT_ID, "Open drop-in",
            "Drop-in hours help people who miss appointments", List.of("homelessness"),
            "People keep their key worker", ENDS_BY, null, Visibility.TEAM, ALICE.actor(), AT);
    private static final ExperimentStarted STARTED = new ExperimentStarted(EXPERIMENT_ID, ALICE.actor(), AT);
    private static final ExperimentConcluded CONCLUDED = new ExperimentConcluded(EXPERIMENT_ID, Outcome.AMPLIFY,
            "It worked", Ending.AS_PLANNED, "Everyone kept their key worker", ALICE.actor(), AT);

    private FixtureConfiguration<Experiment> fixture;
    private final FakeStories stories = new FakeStories();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Experiment.class);
        fixture.registerInjectableResource(stories);
    }

    @Test
    void proposingRecordsTheExperimentWithNormalisedThemesAndItsPlannedEnding() {
        fixture.givenNoPriorActivity()
                .when(new ProposeExperiment(EXPERIMENT_ID, "Open drop-in",
                        "Drop-in hours help people who miss appointments", List.of(" Homelessness ", "homelessness"),
                        "People keep their key worker", ENDS_BY, null, Visibility.TEAM, ALICE, AT))
                .expectEvents(PROPOSED);
    }

    /** Found in review: proposed so, it was "due to end" before it had begun, while an adaptation was refused. */
    @Test
    void aProposalCannotPlanToEndBeforeTheDayItIsMade() {
        fixture.givenNoPriorActivity()
                .when(new ProposeExperiment(EXPERIMENT_ID, "Open drop-in", "Drop-in hours help", List.of(),
                        "Key workers stay", LocalDate.parse("2026-11-27"), null, Visibility.TEAM, ALICE, AT))
                .expectException(Refused.invalid("endsBy"))
                .expectNoEvents();
    }

    @Test
    void aProposalMayPlanToEndOnTheDayItIsMade() {
        LocalDate today = LocalDate.parse("2026-11-28");
        fixture.givenNoPriorActivity()
                .when(new ProposeExperiment(EXPERIMENT_ID, "Open drop-in", "Drop-in hours help", List.of(),
                        "Key workers stay", today, null, Visibility.TEAM, ALICE, AT))
                .expectEvents(new ExperimentProposed(EXPERIMENT_ID, "Open drop-in", "Drop-in hours help", List.of(),
                        "Key workers stay", today, null, Visibility.TEAM, ALICE.actor(), AT));
    }

    @Test
    void anExperimentMayReferToAStoryItsProposerMayUseForLearning() {
        stories.referable = true;
        fixture.givenNoPriorActivity()
                .when(new ProposeExperiment(EXPERIMENT_ID, "Open drop-in", "Drop-in hours help", List.of(),
                        "Key workers stay", null, STORY_ID, Visibility.SYSTEM, ALICE, AT))
                .expectEvents(new ExperimentProposed(EXPERIMENT_ID, "Open drop-in", "Drop-in hours help", List.of(),
                        "Key workers stay", null, STORY_ID, Visibility.SYSTEM, ALICE.actor(), AT));
    }

    @Test
    void cannotReferToAStoryTheProposerMayNotUse() {
        stories.referable = false;
        fixture.givenNoPriorActivity()
                .when(new ProposeExperiment(EXPERIMENT_ID, "Open drop-in", "Drop-in hours help", List.of(),
                        "Key workers stay", null, STORY_ID, Visibility.SYSTEM, ALICE, AT))
                .expectException(Refused.as(Refusal.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void cannotStartBeforeProposal() {
        fixture.givenNoPriorActivity()
                .when(new StartExperiment(EXPERIMENT_ID, ALICE, AT))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void startingAProposedExperimentStartsIt() {
        fixture.given(PROPOSED)
                .when(new StartExperiment(EXPERIMENT_ID, ALICE, AT))
                .expectEvents(STARTED);
    }

    @Test
    void cannotStartTwice() {
        fixture.given(PROPOSED, STARTED)
                .when(new StartExperiment(EXPERIMENT_ID, ALICE, AT))
                .expectException(CommandRefused.class)
                .expectExceptionMessage("refused.experiment.started");
    }

    @Test
    void cannotAdaptBeforeStart() {
        fixture.given(PROPOSED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Evenings too", "Day jobs", null, ALICE, AT))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void adaptingARunningExperimentRecordsWhatChangedAndWhy() {
        fixture.given(PROPOSED, STARTED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Evenings too", "Day jobs", null, ALICE, AT))
                .expectEvents(new ExperimentAdapted(EXPERIMENT_ID, "Evenings too", "Day jobs", null, ALICE.actor(),
                        AT));
    }

    @Test
    void anAdaptationMayMoveTheEndDate() {
        LocalDate later = ENDS_BY.plusMonths(2);
        fixture.given(PROPOSED, STARTED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Two more months", "Families joined late", later, ALICE, AT))
                .expectEvents(new ExperimentAdapted(EXPERIMENT_ID, "Two more months", "Families joined late", later,
                        ALICE.actor(), AT));
    }

    @Test
    void anAdaptationCannotMoveTheEndDateBeforeTheDayItIsMade() {
        fixture.given(PROPOSED, STARTED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Stop sooner", "Funding", LocalDate.parse("2026-11-27"), ALICE,
                        AT))
                .expectException(Refused.invalid("endsBy"))
                .expectNoEvents();
    }

    @Test
    void anEndingNotYetHappenedAtTheConclusionIsSaidOnceItHas() {
        fixture.given(PROPOSED, STARTED, concludedWith(Ending.NOT_YET))
                .when(new RecordEnding(EXPERIMENT_ID, Ending.CHANGED, "Two families moved to another key worker", BOB,
                        AT))
                .expectEvents(new ExperimentEndingRecorded(EXPERIMENT_ID, Ending.CHANGED,
                        "Two families moved to another key worker", BOB.actor(), AT));
    }

    @Test
    void anEndingAConclusionSaidNothingOfMayBeSaidLater() {
        fixture.given(PROPOSED, STARTED, concludedWith(null))
                .when(new RecordEnding(EXPERIMENT_ID, Ending.AS_PLANNED, null, ALICE, AT))
                .expectEvents(new ExperimentEndingRecorded(EXPERIMENT_ID, Ending.AS_PLANNED, null, ALICE.actor(), AT));
    }

    @Test
    void anEndingIsSaidOnlyAfterTheConclusion() {
        fixture.given(PROPOSED, STARTED)
                .when(new RecordEnding(EXPERIMENT_ID, Ending.AS_PLANNED, null, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectNoEvents();
    }

    /** Found by review: "the planned ending changed" was recorded without a word of what happened to the people. */
    @Test
    void anEndingThatChangedSaysWhatHappenedToThePeople() {
        fixture.given(PROPOSED, STARTED, concludedWith(Ending.NOT_YET))
                .when(new RecordEnding(EXPERIMENT_ID, Ending.CHANGED, " ", ALICE, AT))
                .expectException(Refused.as(Refusal.INVALID))
                .expectExceptionMessage("refused.experiment.changed-ending-unsaid")
                .expectNoEvents();
    }

    @Test
    void aConclusionWhoseEndingChangedSaysWhatHappenedToThePeople() {
        fixture.given(PROPOSED, STARTED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.STOP, "It did not help", Ending.CHANGED, null,
                        ALICE, AT))
                .expectException(Refused.as(Refusal.INVALID))
                .expectExceptionMessage("refused.experiment.changed-ending-unsaid")
                .expectNoEvents();
    }

    @Test
    void anEndingAlreadySaidIsNotSaidAgain() {
        fixture.given(PROPOSED, STARTED, CONCLUDED)
                .when(new RecordEnding(EXPERIMENT_ID, Ending.CHANGED, null, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anEndingSaidLaterIsNotSaidAgain() {
        fixture.given(PROPOSED, STARTED, concludedWith(Ending.NOT_YET),
                        new ExperimentEndingRecorded(EXPERIMENT_ID, Ending.AS_PLANNED, null, ALICE.actor(), AT))
                .when(new RecordEnding(EXPERIMENT_ID, Ending.CHANGED, null, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anEndingSaidLaterHasHappened() {
        fixture.given(PROPOSED, STARTED, concludedWith(Ending.NOT_YET))
                .when(new RecordEnding(EXPERIMENT_ID, Ending.NOT_YET, null, ALICE, AT))
                .expectException(Refused.invalid("ending"))
                .expectNoEvents();
    }

    @Test
    void onlyTheTeamOrItsOrganisationsStewardsSayHowTheEndingWent() {
        fixture.given(PROPOSED, STARTED, concludedWith(Ending.NOT_YET))
                .when(new RecordEnding(EXPERIMENT_ID, Ending.AS_PLANNED, null, CAROL, AT))
                .expectException(Refused.as(Refusal.NOT_FOUND))
                .expectNoEvents();
    }

    private static ExperimentConcluded concludedWith(Ending ending) {
        return new ExperimentConcluded(EXPERIMENT_ID, Outcome.ADAPT, "Mixed", ending, null, ALICE.actor(), AT);
    }

    @Test
    void adaptingMayHappenAnyNumberOfTimes() {
        ExperimentAdapted adapted = new ExperimentAdapted(EXPERIMENT_ID, "Evenings", "Day jobs", null, ALICE.actor(),
                AT);
        fixture.given(PROPOSED, STARTED, adapted, adapted)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Weekends", "Families", null, ALICE, AT))
                .expectEvents(new ExperimentAdapted(EXPERIMENT_ID, "Weekends", "Families", null, ALICE.actor(), AT));
    }

    @Test
    void cannotConcludeBeforeStart() {
        fixture.given(PROPOSED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.STOP, "Never ran", null, null, ALICE, AT))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void concludingRecordsItsOutcomeAndHowThePlannedEndingWent() {
        fixture.given(PROPOSED, STARTED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.AMPLIFY, "It worked", Ending.AS_PLANNED,
                        "Everyone kept their key worker", ALICE, AT))
                .expectEvents(CONCLUDED);
    }

    @Test
    void cannotConcludeTwice() {
        fixture.given(PROPOSED, STARTED, CONCLUDED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.STOP, "Again", null, null, ALICE, AT))
                .expectException(CommandRefused.class)
                .expectExceptionMessage("refused.experiment.concluded");
    }

    @Test
    void cannotAdaptAfterConclusion() {
        fixture.given(PROPOSED, STARTED, CONCLUDED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "More", "Why not", null, ALICE, AT))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void theProposerMayChangeItEvenWithoutATeam() {
        Caller teamless = new Caller(new Actor("alice", "Alice", "org-a", null, "fife"), Set.of());
        fixture.given(PROPOSED)
                .when(new StartExperiment(EXPERIMENT_ID, teamless, AT))
                .expectEvents(new ExperimentStarted(EXPERIMENT_ID, teamless.actor(), AT));
    }

    @Test
    void membersOfTheProposingTeamMayChangeIt() {
        fixture.given(PROPOSED)
                .when(new StartExperiment(EXPERIMENT_ID, BOB, AT))
                .expectEvents(new ExperimentStarted(EXPERIMENT_ID, BOB.actor(), AT));
    }

    @Test
    void aFacilitatorOfItsOrganisationMayChangeIt() {
        fixture.given(PROPOSED)
                .when(new StartExperiment(EXPERIMENT_ID, FIONA, AT))
                .expectEvents(new ExperimentStarted(EXPERIMENT_ID, FIONA.actor(), AT));
    }

    @Test
    void aLeaderOfItsOrganisationMayChangeIt() {
        fixture.given(PROPOSED, STARTED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.STOP, "Stopped", null, null, LEE, AT))
                .expectEvents(new ExperimentConcluded(EXPERIMENT_ID, Outcome.STOP, "Stopped", null, null,
                        LEE.actor(), AT));
    }

    /** A team's experiment is, to someone of another team, one that does not exist: they may not read it either. */
    @Test
    void someoneFromAnotherTeamMayNotChangeIt() {
        expectRefused(PROPOSED, CAROL, Refusal.NOT_FOUND);
    }

    @Test
    void aLeaderOfAnotherOrganisationMayNotChangeIt() {
        expectRefused(PROPOSED, OLIVE, Refusal.NOT_FOUND);
    }

    @Test
    void someoneWhoMayReadItButIsNotOfItsTeamMayNotChangeIt() {
        expectRefused(shared(Visibility.SYSTEM), OMAR, Refusal.FORBIDDEN);
    }

    /**
     * Teammates and the organisation's stewards changed a private experiment (started, adapted, concluded it) they
     * could not read, and a probe of its id was told 403 "team only": it exists. It is its proposer's alone.
     */
    @Test
    void aPrivateExperimentIsItsProposersAlone() {
        for (Caller other : List.of(BOB, FIONA, LEE, CAROL)) {
            expectRefused(shared(Visibility.PRIVATE), other, Refusal.NOT_FOUND);
        }
        fixture.given(shared(Visibility.PRIVATE), STARTED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Evenings", "Day jobs", null, ALICE, AT))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void whatWorkedIsSharedMoreWidelyOnceConcluded() {
        fixture.given(PROPOSED, STARTED, CONCLUDED)
                .when(new AmplifyExperiment(EXPERIMENT_ID, Visibility.SYSTEM, BOB, AT))
                .expectEvents(new ExperimentAmplified(EXPERIMENT_ID, Visibility.SYSTEM, Visibility.TEAM, BOB.actor(),
                        AT));
    }

    @Test
    void aLeaderOfItsOrganisationMayShareItMoreWidely() {
        fixture.given(PROPOSED)
                .when(new AmplifyExperiment(EXPERIMENT_ID, Visibility.ORGANISATION, LEE, AT))
                .expectEvents(new ExperimentAmplified(EXPERIMENT_ID, Visibility.ORGANISATION, Visibility.TEAM,
                        LEE.actor(), AT));
    }

    @Test
    void sharingOnlyWidens() {
        ExperimentAmplified widened = new ExperimentAmplified(EXPERIMENT_ID, Visibility.ORGANISATION, Visibility.TEAM,
                ALICE.actor(), AT);
        for (Visibility narrowerOrSame : List.of(Visibility.PRIVATE, Visibility.TEAM, Visibility.ORGANISATION)) {
            fixture.given(PROPOSED, widened)
                    .when(new AmplifyExperiment(EXPERIMENT_ID, narrowerOrSame, ALICE, AT))
                    .expectException(Refused.as(Refusal.CONFLICT))
                    .expectExceptionMessage("refused.experiment.amplify-wider")
                    .expectNoEvents();
        }
    }

    @Test
    void someoneOfAnotherTeamMayNotShareIt() {
        fixture.given(shared(Visibility.ORGANISATION))
                .when(new AmplifyExperiment(EXPERIMENT_ID, Visibility.SYSTEM, CAROL, AT))
                .expectException(Refused.as(Refusal.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aPrivateExperimentIsSharedByItsProposerAlone() {
        for (Caller other : List.of(BOB, FIONA, LEE)) {
            fixture.given(shared(Visibility.PRIVATE))
                    .when(new AmplifyExperiment(EXPERIMENT_ID, Visibility.SYSTEM, other, AT))
                    .expectException(Refused.as(Refusal.NOT_FOUND))
                    .expectNoEvents();
        }
        fixture.given(shared(Visibility.PRIVATE))
                .when(new AmplifyExperiment(EXPERIMENT_ID, Visibility.TEAM, ALICE, AT))
                .expectEvents(new ExperimentAmplified(EXPERIMENT_ID, Visibility.TEAM, Visibility.PRIVATE,
                        ALICE.actor(), AT));
    }

    @Test
    void aPrivateExperimentSharedWithItsTeamIsTheTeamsToChangeFromThen() {
        fixture.given(shared(Visibility.PRIVATE), new ExperimentAmplified(EXPERIMENT_ID, Visibility.TEAM,
                        Visibility.PRIVATE, ALICE.actor(), AT))
                .when(new StartExperiment(EXPERIMENT_ID, BOB, AT))
                .expectEvents(new ExperimentStarted(EXPERIMENT_ID, BOB.actor(), AT));
    }

    @Test
    void anExperimentProposedWithoutATeamIsNotSharedWithATeam() {
        Actor teamless = new Actor("alice", "Alice", "org-a", null, "fife");
        fixture.given(new ExperimentProposed(EXPERIMENT_ID, PROPOSED.title(), PROPOSED.hypothesis(),
                        PROPOSED.themes(), PROPOSED.plannedEnding(), null, null, Visibility.PRIVATE, teamless, AT))
                .when(new AmplifyExperiment(EXPERIMENT_ID, Visibility.TEAM, new Caller(teamless, Set.of()), AT))
                .expectException(Refused.invalid("visibility"))
                .expectNoEvents();
    }

    private static ExperimentProposed shared(Visibility visibility) {
        return new ExperimentProposed(EXPERIMENT_ID, PROPOSED.title(), PROPOSED.hypothesis(), PROPOSED.themes(),
                PROPOSED.plannedEnding(), PROPOSED.endsBy(), null, visibility, ALICE.actor(), AT);
    }

    private void expectRefused(ExperimentProposed proposed, Caller caller, Refusal refusal) {
        fixture.given(proposed, STARTED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Evenings", "Day jobs", null, caller, AT))
                .expectException(Refused.as(refusal))
                .expectNoEvents();
    }
}
