package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.query.support.Events.ALICE;
import static org.hls.query.support.Events.AT;
import static org.hls.query.support.Events.concluded;
import static org.hls.query.support.Events.envelope;
import static org.hls.query.support.Events.learning;
import static org.hls.query.support.Events.proposed;
import static org.hls.query.support.Events.started;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.hls.events.DomainEvent;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.actionlearning.SessionOpened;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.query.dashboard.SystemDashboard.ThemeCount;
import org.hls.query.dashboard.SystemDashboard.Totals;
import org.hls.query.person.ConsentProjection;
import org.hls.query.projection.ProjectedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemDashboardProjectionTest {

    private MongoClient client;
    private MongoDatabase database;
    private SystemDashboardProjection projection;
    private ConsentProjection consent;
    private long position;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(EmbeddedStack.shared().store().connectionString());
        database = client.getDatabase("dashboard-" + UUID.randomUUID());
        consent = new ConsentProjection(database);
        projection = new SystemDashboardProjection(database, 3, consent, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.drop();
        client.close();
    }

    @Test
    void countsExperimentsThroughTheirLives() {
        apply(0, "e1", 0, proposed("e1", Visibility.TEAM));
        apply(0, "e1", 1, started("e1"));
        apply(1, "e2", 0, proposed("e2", Visibility.SYSTEM));
        apply(1, "e2", 1, started("e2"));
        apply(1, "e2", 2, concluded("e2", Outcome.AMPLIFY));
        apply(2, "e3", 0, proposed("e3", Visibility.ORGANISATION));

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.totals()).isEqualTo(new Totals(3, 1, 1, 0, 0, 0));
        assertThat(dashboard.outcomes()).containsEntry("AMPLIFY", 1L).containsEntry("ADAPT", 0L)
                .containsEntry("STOP", 0L);
    }

    @Test
    void countsLearningByKindPerspectiveAndTheme() {
        apply(0, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.LIVED_EXPERIENCE, Visibility.TEAM,
                "housing", "family.support"));
        apply(1, "l2", 0, learning("l2", LearningKind.DISAPPOINTMENT, Perspective.PRACTITIONER,
                Visibility.SYSTEM, "housing"));
        apply(2, "l3", 0, learning("l3", LearningKind.REFLECTION, Perspective.PRACTITIONER,
                Visibility.ORGANISATION));

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.totals()).isEqualTo(new Totals(0, 0, 0, 1, 1, 1));
        assertThat(dashboard.perspectives()).containsEntry("PRACTITIONER", 2L).containsEntry("LIVED_EXPERIENCE", 1L)
                .containsEntry("VOLUNTEER", 0L).hasSize(6);
        assertThat(dashboard.themes()).containsExactly(new ThemeCount("housing", 2),
                new ThemeCount("family.support", 1));
    }

    @Test
    void privateLearningAndPrivateExperimentsAreNeverCounted() {
        apply(0, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.PRACTITIONER, Visibility.PRIVATE,
                "secret"));
        apply(1, "e1", 0, proposed("e1", Visibility.PRIVATE));
        apply(1, "e1", 1, started("e1"));
        apply(1, "e1", 2, concluded("e1", Outcome.STOP));

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.totals()).isEqualTo(new Totals(0, 0, 0, 0, 0, 0));
        assertThat(dashboard.themes()).isEmpty();
        assertThat(dashboard.recent()).isEmpty();
        assertThat(dashboard.outcomes()).containsEntry("STOP", 0L);
    }

    @Test
    void recentListsOnlyLearningSharedWithTheWholeSystemNewestFirst() {
        apply(0, "team", 0, learning("team", LearningKind.BREAKTHROUGH, Perspective.PRACTITIONER, Visibility.TEAM));
        for (int i = 0; i < 12; i++) {
            apply(i % 3, "sys-" + i, 0, learning("sys-" + i, LearningKind.REFLECTION, Perspective.PARTNER,
                    Visibility.SYSTEM));
        }

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.recent()).hasSize(10);
        assertThat(dashboard.recent().get(0).id()).isEqualTo("sys-11");
        assertThat(dashboard.recent()).noneMatch(item -> item.id().equals("team"));
        assertThat(dashboard.recent().get(0).summary()).isEqualTo("Summary of sys-11");
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        ProjectedEvent event = event(0, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.PRACTITIONER,
                Visibility.SYSTEM, "housing"));
        projection.apply(List.of(event));
        SystemDashboard once = projection.dashboard();

        projection.apply(List.of(event));

        assertThat(projection.dashboard()).usingRecursiveComparison().ignoringFields("asOf").isEqualTo(once);
    }

    @Test
    void aReplayedBatchChangesNothing() {
        ProjectedEvent proposedEvent = event(0, "e1", 0, proposed("e1", Visibility.TEAM));
        ProjectedEvent startedEvent = event(0, "e1", 1, started("e1"));
        ProjectedEvent learningEvent = event(0, "l1", 0, learning("l1", LearningKind.DISAPPOINTMENT,
                Perspective.PRACTITIONER, Visibility.TEAM));
        for (ProjectedEvent event : new ProjectedEvent[] {proposedEvent, startedEvent, learningEvent}) {
            projection.apply(List.of(event));
        }

        projection.apply(List.of(proposedEvent, startedEvent, learningEvent));

        assertThat(projection.dashboard().totals()).isEqualTo(new Totals(1, 1, 0, 0, 1, 0));
    }

    @Test
    void aBatchCountsAnExperimentThroughItsWholeLife() {
        projection.apply(List.of(event(0, "e1", 0, proposed("e1", Visibility.SYSTEM)), event(0, "e1", 1, started("e1")),
                event(1, "e2", 0, proposed("e2", Visibility.PRIVATE)), event(1, "e2", 1, started("e2")),
                event(0, "e1", 2, concluded("e1", Outcome.ADAPT))));

        assertThat(projection.dashboard().totals()).isEqualTo(new Totals(1, 0, 1, 0, 0, 0));
        assertThat(projection.dashboard().outcomes()).containsEntry("ADAPT", 1L);
    }

    @Test
    void aRedeliveredBatchThatOverlapsWhatWasAppliedCountsOnlyTheNewEvents() {
        ProjectedEvent first = event(0, "l1", 0, learning("l1", LearningKind.REFLECTION, Perspective.PRACTITIONER,
                Visibility.TEAM));
        ProjectedEvent second = event(0, "l2", 0, learning("l2", LearningKind.REFLECTION, Perspective.PRACTITIONER,
                Visibility.TEAM));
        ProjectedEvent third = event(0, "l3", 0, learning("l3", LearningKind.REFLECTION, Perspective.PRACTITIONER,
                Visibility.TEAM));
        projection.apply(List.of(first, second));

        projection.apply(List.of(first, second, third));

        assertThat(projection.dashboard().totals().reflections()).isEqualTo(3);
    }

    @Test
    void itsVersionChangesOnlyWhenTheDashboardDid() {
        String empty = projection.version();
        ProjectedEvent event = event(1, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.PRACTITIONER,
                Visibility.TEAM));
        projection.apply(List.of(event));
        String once = projection.version();

        projection.apply(List.of(event));

        assertThat(once).isNotEqualTo(empty);
        assertThat(projection.version()).isEqualTo(once);
    }

    @Test
    void amplifyingPrivateLearningCountsItFromThen() {
        apply(0, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.VOLUNTEER, Visibility.PRIVATE,
                "housing"));
        assertThat(projection.dashboard().totals().breakthroughs()).isZero();

        apply(0, "l1", 1, new LearningAmplified("l1", Visibility.TEAM, ALICE, AT));

        SystemDashboard dashboard = projection.dashboard();
        assertThat(dashboard.totals().breakthroughs()).isEqualTo(1);
        assertThat(dashboard.perspectives()).containsEntry("VOLUNTEER", 1L);
        assertThat(dashboard.themes()).containsExactly(new ThemeCount("housing", 1));
        assertThat(dashboard.recent()).isEmpty();
    }

    @Test
    void amplifyingToTheWholeSystemListsItAsRecentOnceAndCountsItOnce() {
        apply(0, "l1", 0, learning("l1", LearningKind.DISAPPOINTMENT, Perspective.PRACTITIONER, Visibility.TEAM));
        apply(0, "l1", 1, new LearningAmplified("l1", Visibility.ORGANISATION, ALICE, AT));
        apply(0, "l1", 2, new LearningAmplified("l1", Visibility.SYSTEM, ALICE, AT));

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.totals().disappointments()).isEqualTo(1);
        assertThat(dashboard.recent()).extracting(SystemDashboard.RecentLearning::id).containsExactly("l1");
    }

    @Test
    void retractedLearningLeavesEveryCountAndTheRecentList() {
        apply(1, "l1", 0, learning("l1", LearningKind.REFLECTION, Perspective.LIVED_EXPERIENCE, Visibility.SYSTEM,
                "housing"));
        apply(2, "l2", 0, learning("l2", LearningKind.REFLECTION, Perspective.PRACTITIONER, Visibility.SYSTEM,
                "housing"));

        apply(1, "l1", 1, new LearningRetracted("l1", "Shared too early", ALICE, AT));

        SystemDashboard dashboard = projection.dashboard();
        assertThat(dashboard.totals().reflections()).isEqualTo(1);
        assertThat(dashboard.perspectives()).containsEntry("LIVED_EXPERIENCE", 0L).containsEntry("PRACTITIONER", 1L);
        assertThat(dashboard.themes()).containsExactly(new ThemeCount("housing", 1));
        assertThat(dashboard.recent()).extracting(SystemDashboard.RecentLearning::id).containsExactly("l2");
    }

    @Test
    void retractingPrivateLearningChangesNoCount() {
        apply(0, "l1", 0, learning("l1", LearningKind.REFLECTION, Perspective.PRACTITIONER, Visibility.PRIVATE));
        apply(0, "l2", 0, learning("l2", LearningKind.REFLECTION, Perspective.PRACTITIONER, Visibility.TEAM));

        apply(0, "l1", 1, new LearningRetracted("l1", "Mine", ALICE, AT));

        assertThat(projection.dashboard().totals().reflections()).isEqualTo(1);
    }

    @Test
    void aRetractionDeliveredAgainSubtractsOnce() {
        apply(0, "l1", 0, learning("l1", LearningKind.REFLECTION, Perspective.PRACTITIONER, Visibility.TEAM));
        apply(0, "l2", 0, learning("l2", LearningKind.REFLECTION, Perspective.PRACTITIONER, Visibility.TEAM));
        ProjectedEvent retracted = event(0, "l1", 1, new LearningRetracted("l1", "Mine", ALICE, AT));

        projection.apply(List.of(retracted));
        projection.apply(List.of(retracted));

        assertThat(projection.dashboard().totals().reflections()).isEqualTo(1);
    }

    @Test
    void recordedAmplifiedAndRetractedInOneBatchCountsNothing() {
        projection.apply(List.of(
                event(0, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.PARTNER, Visibility.TEAM)),
                event(0, "l1", 1, new LearningAmplified("l1", Visibility.SYSTEM, ALICE, AT)),
                event(0, "l1", 2, new LearningRetracted("l1", "Oops", ALICE, AT))));

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.totals().breakthroughs()).isZero();
        assertThat(dashboard.perspectives()).containsEntry("PARTNER", 0L);
        assertThat(dashboard.recent()).isEmpty();
    }

    @Test
    void recentLearningOfSomeoneWhoWithdrewConsentReadsWithdrawn() {
        apply(0, "l1", 0, learning("l1", LearningKind.BREAKTHROUGH, Perspective.LIVED_EXPERIENCE, Visibility.SYSTEM));

        consent.apply(List.of(event(1, "alice", 0, new ConsentWithdrawn("alice", null, ALICE, AT))));

        assertThat(projection.dashboard().recent()).singleElement()
                .satisfies(item -> assertThat(item.summary()).isEqualTo("[withdrawn]"));
        assertThat(projection.dashboard().totals().breakthroughs()).isEqualTo(1);
    }

    @Test
    void aRetriedPollCarryingMoreEventsCountsWhatFollowsEventsAlreadyCounted() {
        ProjectedEvent recorded = event(0, "l1", 0, learning("l1", LearningKind.REFLECTION, Perspective.PRACTITIONER,
                Visibility.TEAM));
        ProjectedEvent proposedEvent = event(0, "e1", 0, proposed("e1", Visibility.SYSTEM));
        projection.apply(List.of(recorded, proposedEvent));
        // A crash after the shard was written, before the entry's and the experiment's own documents were.
        database.getCollection("system_dashboard_learning").deleteMany(new Document());
        database.getCollection("system_dashboard_experiments").deleteMany(new Document());

        projection.apply(List.of(recorded, proposedEvent,
                event(0, "l1", 1, new LearningRetracted("l1", "Too early", ALICE, AT)),
                event(0, "e1", 1, started("e1"))));

        assertThat(projection.dashboard().totals()).isEqualTo(new Totals(1, 1, 0, 0, 0, 0));
    }

    @Test
    void anEventRepeatedWithinOnePollIsCountedOnce() {
        ProjectedEvent proposedEvent = event(0, "e1", 0, proposed("e1", Visibility.SYSTEM));
        ProjectedEvent closed = event(0, "set", 0, new SessionClosed("set", 1, ALICE, AT));

        projection.apply(List.of(proposedEvent, closed, proposedEvent, closed));

        assertThat(projection.dashboard().totals().experimentsProposed()).isEqualTo(1);
        assertThat(projection.dashboard().actionLearning().sessionsHeld()).isEqualTo(1);
    }

    @Test
    void learningIsCountedPerWeekOfRecordingWithDisappointmentsAlongsideBreakthroughs() {
        projection = new SystemDashboardProjection(database, 3, consent,
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
        apply(0, "b", 0, learningAt("b", LearningKind.BREAKTHROUGH, "2026-11-24T10:00:00Z"));
        apply(0, "d", 0, learningAt("d", LearningKind.DISAPPOINTMENT, "2026-11-27T10:00:00Z"));
        apply(0, "r", 0, learningAt("r", LearningKind.REFLECTION, "2026-11-16T10:00:00Z"));
        apply(0, "gone", 0, learningAt("gone", LearningKind.DISAPPOINTMENT, "2026-11-25T10:00:00Z"));
        apply(0, "gone", 1, new LearningRetracted("gone", "Oops", ALICE, AT));

        List<SystemDashboard.WeekCount> weeks = projection.dashboard().weeks();

        assertThat(weeks).hasSize(12);
        assertThat(weeks.get(11)).isEqualTo(new SystemDashboard.WeekCount("2026-W48", 1, 1, 0));
        assertThat(weeks.get(10)).isEqualTo(new SystemDashboard.WeekCount("2026-W47", 0, 0, 1));
        assertThat(weeks.get(0).week()).isEqualTo("2026-W37");
    }

    @Test
    void actionLearningShowsOnlyNumbers() {
        apply(0, "set", 0, new SessionOpened("set", 1, ALICE, AT));
        apply(0, "set", 1, new ActionCommitted("set", 1, "a1", "Call three families", LocalDate.of(2027, 1, 1),
                ALICE, AT));
        apply(0, "set", 2, new ActionCommitted("set", 1, "a2", "Read the report", LocalDate.of(2027, 1, 1),
                ALICE, AT));
        apply(0, "set", 3, new SessionEvaluated("set", 1, 5, "Felt safe", ALICE, AT));
        apply(0, "set", 4, new SessionEvaluated("set", 1, 2, null, ALICE, AT));
        apply(0, "set", 5, new SessionClosed("set", 1, ALICE, AT));
        apply(0, "set", 6, new SessionOpened("set", 2, ALICE, AT));
        apply(0, "set", 7, new ActionUpdated("set", 2, "a1", ActionStatus.DONE, "All three", ALICE, AT));
        apply(0, "set", 8, new ActionUpdated("set", 2, "a2", ActionStatus.PARTLY, null, ALICE, AT));

        SystemDashboard dashboard = projection.dashboard();

        assertThat(dashboard.actionLearning()).isEqualTo(new SystemDashboard.ActionLearning(1, 2, 1, 0.5, 3.5));
    }

    private static LearningRecorded learningAt(String id, LearningKind kind, String at) {
        return new LearningRecorded(id, kind, "Summary of " + id, null, List.of(), Perspective.PRACTITIONER,
                Visibility.TEAM, null, null, null, ALICE, Instant.parse(at));
    }

    private void apply(int partition, String aggregateId, long sequence, DomainEvent payload) {
        projection.apply(List.of(event(partition, aggregateId, sequence, payload)));
    }

    private ProjectedEvent event(int partition, String aggregateId, long sequence, DomainEvent payload) {
        return new ProjectedEvent(envelope(aggregateId, sequence, ++position, payload), payload, partition);
    }
}
