package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.query.support.Events.ALICE;
import static org.hls.query.support.Events.envelope;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hls.events.Visibility;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.query.history.History;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;
import org.hls.query.projection.WaitingViews;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.Test;

class RecentSummariesTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    /**
     * After an upgrade, an instance waits while the learning feed is rebuilt in its release's shape: the dashboards it
     * serves meanwhile count every entry, and list the recent ones once their words can be read.
     */
    @Test
    void whileTheFeedIsRebuiltTheDashboardCountsWhatItCannotListYet() {
        AtomicBoolean rebuilding = new AtomicBoolean();
        ViewCollections views = WaitingViews.of(database, rebuilding::get);
        PersonalKeys keys = new PersonalKeys(database);
        LearningFeedProjection feed = new LearningFeedProjection(views,
                new ConsentProjection(ViewCollections.of(database), keys));
        LearningRecorded recorded = new LearningRecorded("l1", LearningKind.BREAKTHROUGH, "Worked at the door", null,
                List.of(), Perspective.PRACTITIONER, Visibility.SYSTEM, null, null, null, ALICE, AT);
        List<ProjectedEvent> events = List.of(new ProjectedEvent(envelope("l1", 0, 1, recorded), recorded, 0));
        feed.apply(events);
        History history = new History();
        history.applyEvents(events);
        // Started since: it did not receive the entry's words with the event.
        RecentSummaries summaries = new RecentSummaries(feed, keys);
        Dashboards dashboards = new Dashboards(() -> history, summaries, Clock.systemUTC());

        rebuilding.set(true);
        Dashboard meanwhile = dashboards.dashboard(DashboardQuery.SYSTEM);
        rebuilding.set(false);

        assertThat(meanwhile.totals().breakthroughs()).isEqualTo(1);
        assertThat(meanwhile.recent()).isEmpty();
        assertThat(summaries.tookWordsLeftOut()).as("to be read again").isTrue();
        assertThat(dashboards.dashboard(DashboardQuery.SYSTEM).recent()).extracting(Dashboard.RecentLearning::summary)
                .containsExactly("Worked at the door");
    }

    /** "A correction is a new event": the dashboards list it said anew, and their version moves, so it is pushed. */
    @Test
    void learningSaidAnewIsListedAnewAndMovesTheDashboardsVersion() {
        PersonalKeys keys = new PersonalKeys(database);
        LearningFeedProjection feed = new LearningFeedProjection(ViewCollections.of(database),
                new ConsentProjection(ViewCollections.of(database), keys));
        History history = new History();
        RecentSummaries summaries = new RecentSummaries(feed, keys);
        Dashboards dashboards = new Dashboards(() -> history, summaries, Clock.systemUTC());
        LearningRecorded recorded = new LearningRecorded("l1", LearningKind.BREAKTHROUGH, "Worked at the door", null,
                List.of(), Perspective.PRACTITIONER, Visibility.SYSTEM, null, null, null, ALICE, AT);
        applied(List.of(new ProjectedEvent(envelope("l1", 0, 1, recorded), recorded, 0)), feed, history, summaries);
        String before = dashboards.version();

        LearningCorrected corrected = new LearningCorrected("l1", "Worked at the door, in the evening", null,
                "Only in the evening", ALICE, AT.plusSeconds(60));
        applied(List.of(new ProjectedEvent(envelope("l1", 1, 2, corrected), corrected, 0)), feed, history, summaries);

        assertThat(dashboards.version()).isNotEqualTo(before);
        assertThat(dashboards.dashboard(DashboardQuery.SYSTEM).recent()).extracting(Dashboard.RecentLearning::summary)
                .containsExactly("Worked at the door, in the evening");
        assertThat(new Dashboards(() -> history, new RecentSummaries(feed, keys), Clock.systemUTC())
                .dashboard(DashboardQuery.SYSTEM).recent()).as("an instance started since reads the feed")
                .extracting(Dashboard.RecentLearning::summary).containsExactly("Worked at the door, in the evening");
    }

    private static void applied(List<ProjectedEvent> events, LearningFeedProjection feed, History history,
                                RecentSummaries summaries) {
        feed.apply(events);
        history.applyEvents(events);
        summaries.applied(events);
    }
}
