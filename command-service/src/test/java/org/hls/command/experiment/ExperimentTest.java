package org.hls.command.experiment;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hls.command.CommandRefused;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final String EXPERIMENT_ID = "exp-1";
    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final ExperimentProposed PROPOSED = new ExperimentProposed(EXPERIMENT_ID, "Open drop-in",
            "Drop-in hours help people who miss appointments", List.of("homelessness"),
            "People keep their key worker", Visibility.TEAM, ALICE, AT);
    private static final ExperimentStarted STARTED = new ExperimentStarted(EXPERIMENT_ID, ALICE, AT);
    private static final ExperimentConcluded CONCLUDED =
            new ExperimentConcluded(EXPERIMENT_ID, Outcome.AMPLIFY, "It worked", ALICE, AT);

    private FixtureConfiguration<Experiment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Experiment.class);
    }

    @Test
    void proposingRecordsTheExperimentWithNormalisedThemes() {
        fixture.givenNoPriorActivity()
                .when(new ProposeExperiment(EXPERIMENT_ID, "Open drop-in",
                        "Drop-in hours help people who miss appointments", List.of(" Homelessness ", "homelessness"),
                        "People keep their key worker", Visibility.TEAM, ALICE, AT))
                .expectEvents(PROPOSED);
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
                .expectExceptionMessage("This experiment has already started.");
    }

    @Test
    void cannotAdaptBeforeStart() {
        fixture.given(PROPOSED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Evenings too", "Day jobs", ALICE, AT))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void adaptingARunningExperimentRecordsWhatChangedAndWhy() {
        fixture.given(PROPOSED, STARTED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "Evenings too", "Day jobs", ALICE, AT))
                .expectEvents(new ExperimentAdapted(EXPERIMENT_ID, "Evenings too", "Day jobs", ALICE, AT));
    }

    @Test
    void cannotConcludeBeforeStart() {
        fixture.given(PROPOSED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.STOP, "Never ran", ALICE, AT))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }

    @Test
    void concludingARunningExperimentRecordsItsOutcome() {
        fixture.given(PROPOSED, STARTED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.AMPLIFY, "It worked", ALICE, AT))
                .expectEvents(CONCLUDED);
    }

    @Test
    void cannotConcludeTwice() {
        fixture.given(PROPOSED, STARTED, CONCLUDED)
                .when(new ConcludeExperiment(EXPERIMENT_ID, Outcome.STOP, "Again", ALICE, AT))
                .expectException(CommandRefused.class)
                .expectExceptionMessage("This experiment has already been concluded.");
    }

    @Test
    void cannotAdaptAfterConclusion() {
        fixture.given(PROPOSED, STARTED, CONCLUDED)
                .when(new AdaptExperiment(EXPERIMENT_ID, "More", "Why not", ALICE, AT))
                .expectException(CommandRefused.class)
                .expectNoEvents();
    }
}
