package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.query.analytics.Bucket;
import org.hls.query.analytics.PracticeChanges;
import org.hls.query.dashboard.DashboardQuery;
import org.hls.query.dashboard.Dashboards;
import org.hls.query.dashboard.RecentSummaries;
import org.hls.query.learning.FeedFilter;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.security.Reader;
import org.hls.query.security.SmallNumbers;
import org.hls.query.support.ProjectionTest;
import org.hls.query.web.Filters;
import org.hls.query.projection.ViewCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A history whose released events were published in two schema versions (the older ones before fields were added)
 * builds exactly the same views as the same history published in the current version only, through the upgrades
 * that exist.
 */
class SchemaEvolutionTest extends ProjectionTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");

    private final MongoClient store = MongoClients.create(EmbeddedStack.shared().store().connectionString());
    private final List<MongoDatabase> owned = new ArrayList<>();

    @AfterEach
    void dropViews() {
        owned.forEach(MongoDatabase::drop);
        store.close();
    }

    @Test
    void aHistoryWithVersionOneEventsBuildsTheSameViewsAsTheSameHistoryInTheCurrentVersion() {
        List<DomainEvent> year = year();

        Views mixed = new Views(database.getName() + "-mixed", envelopes(year, true));
        Views current = new Views(database.getName() + "-current", envelopes(year, false));

        assertThat(mixed.olderVersionsPublished()).as("half of each changed type").isEqualTo(9);
        assertThat(current.olderVersionsPublished()).isZero();
        for (DashboardQuery query : List.of(DashboardQuery.SYSTEM, DashboardQuery.days(null, "org-a", null,
                "housing", null, null, Visibility.ORGANISATION))) {
            assertThat(mixed.dashboards.dashboard(query)).isEqualTo(current.dashboards.dashboard(query));
        }
        Filters everything = new Filters(null, null, null, null, TimeRange.ALWAYS, null);
        assertThat(mixed.practiceChanges.practiceChange(everything, Bucket.MONTH, SmallNumbers.NONE))
                .isEqualTo(current.practiceChanges.practiceChange(everything, Bucket.MONTH, SmallNumbers.NONE));
        Reader reader = new Reader(ALICE, java.util.Set.of("PRACTITIONER"));
        assertThat(mixed.feed.feed(reader, FeedFilter.NONE, null, 100).items())
                .isEqualTo(current.feed.feed(reader, FeedFilter.NONE, null, 100).items());
    }

    private static List<DomainEvent> year() {
        List<DomainEvent> events = new ArrayList<>();
        for (int month = 1; month <= 6; month++) {
            Instant at = Instant.parse(String.format("2026-%02d-10T10:00:00Z", month));
            String experimentId = "e" + month;
            events.add(new ExperimentProposed(experimentId, "Try " + month, "Helps", List.of("housing"), "Ends well",
                    null, null, Visibility.SYSTEM, ALICE, at));
            events.add(new ExperimentStarted(experimentId, ALICE, at.plusSeconds(86_400)));
            events.add(new LearningRecorded("l" + month, month % 2 == 0 ? LearningKind.DISAPPOINTMENT
                    : LearningKind.BREAKTHROUGH, "Learnt in month " + month, null, List.of("housing"),
                    Perspective.PRACTITIONER, Visibility.SYSTEM, experimentId, null, null, ALICE,
                    at.plusSeconds(5 * 86_400)));
            events.add(new ExperimentConcluded(experimentId, Outcome.ADAPT, "Adapted", null, null, ALICE,
                    at.plusSeconds(15 * 86_400)));
        }
        return events;
    }

    /** Envelopes as published: with {@code olderVersions}, every other released event in its version-1 shape. */
    private static List<ProjectedEvent> envelopes(List<DomainEvent> events, boolean olderVersions) {
        List<ProjectedEvent> published = new ArrayList<>();
        java.util.Map<String, Long> sequences = new java.util.HashMap<>();
        java.util.Map<String, Long> seen = new java.util.HashMap<>();
        long position = 0;
        for (DomainEvent event : events) {
            String aggregateId = event instanceof LearningRecorded learning ? learning.learningId()
                    : ((ObjectNode) EventJson.newMapper().valueToTree(event)).get("experimentId").asText();
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            ObjectNode payload = EventJson.newMapper().valueToTree(event);
            int version = EventTypes.schemaVersionOf(event.getClass());
            long ofType = seen.merge(event.getClass().getSimpleName(), 1L, Long::sum);
            if (olderVersions && version >= 2 && ofType % 2 == 1) {
                versionOne(payload);
                version = 1;
            }
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(),
                    EventTypes.nameOf(event.getClass()), version, aggregateId, sequence, ++position,
                    event.occurredAt(), event.occurredAt(), payload);
            published.add(new ProjectedEvent(envelope, EventJson.payloadOf(envelope), 0));
        }
        return published;
    }

    /** The shape version 1 had: the fields added by version 2 did not exist. */
    private static void versionOne(ObjectNode payload) {
        payload.remove(List.of("endsBy", "storyId", "cohortId", "ending", "endingNote"));
    }

    /** Every view that reads the events, over a database of its own. */
    private final class Views {

        final History history = new History();
        final LearningFeedProjection feed;
        final Dashboards dashboards;
        final PracticeChanges practiceChanges;
        private final List<ProjectedEvent> events;

        Views(String databaseName, List<ProjectedEvent> events) {
            MongoDatabase own = store.getDatabase(databaseName);
            owned.add(own);
            this.events = events;
            ConsentProjection consent = new ConsentProjection(ViewCollections.of(own), new PersonalKeys(own));
            feed = new LearningFeedProjection(ViewCollections.of(own), consent);
            RecentSummaries summaries = new RecentSummaries(feed, new PersonalKeys(own));
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            dashboards = new Dashboards(() -> history, summaries, clock);
            practiceChanges = new PracticeChanges(() -> history, clock);
            history.applyEvents(events);
            feed.apply(events);
            summaries.applied(events);
        }

        /** How many events were published in a version older than their type's current one. */
        long olderVersionsPublished() {
            return events.stream().filter(event -> event.envelope().schemaVersion()
                    < EventTypes.schemaVersionOf(event.payload().getClass())).count();
        }
    }
}
