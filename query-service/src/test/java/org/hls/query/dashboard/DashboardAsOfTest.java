package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.query.support.Events.ALICE;
import static org.hls.query.support.Events.envelope;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.hls.events.DomainEvent;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.dashboard.Dashboard.Totals;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as it was known at an instant: what was recorded later, a retraction, an amplification, a
 * conclusion, does not apply to it; a withdrawal of consent always does.
 */
class DashboardAsOfTest extends ProjectionTest {

    private static final Instant JANUARY = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-15T10:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-15T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-04-01T10:00:00Z");

    private DashboardsUnderTest dashboards;
    private long position;

    @BeforeEach
    void setUp() {
        dashboards = new DashboardsUnderTest(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void learningRetractedInMarchStillCountsInFebruarysDashboardButNotInMarchs() {
        record("l1", 0, learning("l1", Visibility.SYSTEM, JANUARY), JANUARY);
        record("l1", 1, new LearningRetracted("l1", "Too early", ALICE, MARCH), MARCH);

        assertThat(dashboardAsOf(FEBRUARY).totals().breakthroughs()).isEqualTo(1);
        assertThat(dashboardAsOf(FEBRUARY).recent()).extracting(Dashboard.RecentLearning::id).containsExactly("l1");
        // Found by review: February's list showed the words its author had since taken back.
        assertThat(dashboardAsOf(FEBRUARY).recent()).extracting(Dashboard.RecentLearning::summary)
                .containsExactly("[retracted]");
        assertThat(dashboardAsOf(MARCH).totals().breakthroughs()).isZero();
        assertThat(dashboards.dashboard(DashboardQuery.SYSTEM).totals().breakthroughs()).isZero();
    }

    @Test
    void learningRecordedLaterAboutEarlierDaysIsNotKnownBefore() {
        record("late", 0, learning("late", Visibility.SYSTEM, JANUARY), MARCH);

        assertThat(dashboardAsOf(FEBRUARY).totals().breakthroughs()).isZero();
        assertThat(dashboardAsOf(MARCH).totals().breakthroughs()).isEqualTo(1);
    }

    @Test
    void anAmplificationCountsAndListsFromWhenItWasRecorded() {
        record("l1", 0, learning("l1", Visibility.PRIVATE, JANUARY), JANUARY);
        record("l1", 1, new LearningAmplified("l1", Visibility.SYSTEM, ALICE, MARCH), MARCH);

        assertThat(dashboardAsOf(FEBRUARY).totals().breakthroughs()).isZero();
        assertThat(dashboardAsOf(FEBRUARY).recent()).isEmpty();
        assertThat(dashboardAsOf(MARCH).totals().breakthroughs()).isEqualTo(1);
        assertThat(dashboardAsOf(MARCH).recent()).extracting(Dashboard.RecentLearning::id).containsExactly("l1");
    }

    @Test
    void aPrivateExperimentSharedInMarchCountsFromThenAndUnderItsThemeOnceEveryReaderMayReadIt() {
        record("e1", 0, new ExperimentProposed("e1", "Drop-in", "Helps", List.of("housing"), "Ends well", null,
                null, Visibility.PRIVATE, ALICE, JANUARY), JANUARY);
        record("e1", 1, new ExperimentStarted("e1", ALICE, JANUARY), JANUARY);
        record("e1", 2, new ExperimentAmplified("e1", Visibility.TEAM, Visibility.PRIVATE, ALICE, MARCH), MARCH);
        record("e1", 3, new ExperimentAmplified("e1", Visibility.SYSTEM, Visibility.TEAM, ALICE, NOW), NOW);

        assertThat(dashboardAsOf(FEBRUARY).totals()).isEqualTo(new Totals(0L, 0L, 0L, 0L, 0L, 0L));
        assertThat(dashboardAsOf(MARCH).totals()).isEqualTo(new Totals(1L, 1L, 0L, 0L, 0L, 0L));
        assertThat(housing(MARCH).totals().experimentsProposed()).as("its team's to read then").isZero();
        assertThat(housing(NOW).totals().experimentsProposed()).isEqualTo(1);
    }

    private Dashboard housing(Instant asOf) {
        return dashboards.dashboard(DashboardQuery.days(null, null, null, "housing", null, null, Visibility.SYSTEM)
                .asOf(asOf));
    }

    @Test
    void anExperimentIsRunningUntilItsConclusionIsKnown() {
        record("e1", 0, new ExperimentProposed("e1", "Drop-in", "Helps", List.of("housing"), "Ends well", null,
                null, Visibility.TEAM, ALICE, JANUARY), JANUARY);
        record("e1", 1, new ExperimentStarted("e1", ALICE, JANUARY), JANUARY);
        record("e1", 2, new ExperimentConcluded("e1", Outcome.STOP, "Did not help", null, null, ALICE, FEBRUARY),
                MARCH);

        assertThat(dashboardAsOf(FEBRUARY).totals()).isEqualTo(new Totals(1L, 1L, 0L, 0L, 0L, 0L));
        assertThat(dashboardAsOf(FEBRUARY).outcomes()).containsEntry("STOP", 0L);
        assertThat(dashboardAsOf(MARCH).totals()).isEqualTo(new Totals(1L, 0L, 1L, 0L, 0L, 0L));
        assertThat(dashboardAsOf(MARCH).outcomes()).containsEntry("STOP", 1L);
    }

    @Test
    void actionLearningCountsWhatWasKnownThen() {
        record("set", 0, new ActionCommitted("set", 1, "a1", "Call", LocalDate.of(2026, 3, 1), ALICE, JANUARY),
                JANUARY);
        record("set", 1, new ProblemPresented("set", 1, "alice", "Rent", ALICE, JANUARY), JANUARY);
        record("set", 2, new SessionClosed("set", 1, ALICE, JANUARY), JANUARY);
        record("set", 3, new ActionUpdated("set", 2, "a1", "alice", ActionStatus.DONE, "Done", ALICE, MARCH), MARCH);

        assertThat(dashboardAsOf(FEBRUARY).actionLearning())
                .isEqualTo(new Dashboard.ActionLearning(1L, 1L, 0L, 0.0, 0.0, null));
        assertThat(dashboardAsOf(MARCH).actionLearning())
                .isEqualTo(new Dashboard.ActionLearning(1L, 1L, 1L, 1.0, 0.0, null));
    }

    @Test
    void aWithdrawalOfConsentAppliesToEveryInstantButTheCountsStay() {
        record("l1", 0, learning("l1", Visibility.SYSTEM, JANUARY), JANUARY);
        record("alice", 0, new ConsentWithdrawn("alice", null, ALICE, MARCH), MARCH);

        Dashboard february = dashboardAsOf(FEBRUARY);

        assertThat(february.recent()).singleElement().satisfies(item ->
                assertThat(item.summary()).isEqualTo("[withdrawn]"));
        assertThat(february.totals().breakthroughs()).isEqualTo(1);
    }

    @Test
    void anInstantBeforeTheFirstEventShowsNothingAndTheAnswerEchoesIt() {
        record("l1", 0, learning("l1", Visibility.SYSTEM, JANUARY), JANUARY);
        Instant before = Instant.parse("2025-12-31T23:59:59.999Z");

        Dashboard dashboard = dashboardAsOf(before);

        assertThat(dashboard.asOf()).isEqualTo(before);
        assertThat(dashboard.totals()).isEqualTo(new Totals(0L, 0L, 0L, 0L, 0L, 0L));
        assertThat(dashboard.recent()).isEmpty();
        assertThat(dashboard.weeks()).extracting(Dashboard.WeekCount::week).last().isEqualTo("2026-W01");
    }

    @Test
    void anEventIsKnownFromTheMillisecondItWasRecorded() {
        record("l1", 0, learning("l1", Visibility.SYSTEM, JANUARY), JANUARY);

        assertThat(dashboardAsOf(JANUARY.minusMillis(1)).totals().breakthroughs()).isZero();
        assertThat(dashboardAsOf(JANUARY).totals().breakthroughs()).isEqualTo(1);
    }

    private Dashboard dashboardAsOf(Instant instant) {
        return dashboards.dashboard(DashboardQuery.SYSTEM.asOf(instant));
    }

    private static LearningRecorded learning(String id, Visibility visibility, Instant at) {
        return new LearningRecorded(id, LearningKind.BREAKTHROUGH, "Summary of " + id, null, List.of("housing"),
                Perspective.PRACTITIONER, visibility, null, null, null, ALICE, at);
    }

    private void record(String aggregateId, long sequence, DomainEvent event, Instant recordedAt) {
        dashboards.apply(List.of(new ProjectedEvent(envelope(aggregateId, sequence, ++position, event, recordedAt),
                event, 0)));
    }
}
