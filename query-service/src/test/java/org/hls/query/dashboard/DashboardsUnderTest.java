package org.hls.query.dashboard;

import java.time.Clock;
import java.util.List;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import org.hls.query.history.History;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;

/** The dashboards over a history of their own, fed events as the history's consumer would deliver them. */
final class DashboardsUnderTest {

    final History history = new History();
    final Dashboards dashboards;
    private final RecentSummaries summaries;

    DashboardsUnderTest(MongoDatabase database, Clock clock) {
        ViewCollections views = ViewCollections.of(database);
        ConsentProjection consent = new ConsentProjection(views, new PersonalKeys(database));
        this.summaries = new RecentSummaries(new LearningFeedProjection(views, consent), new PersonalKeys(database));
        this.dashboards = new Dashboards(() -> history, summaries, clock);
    }

    /** The same dashboards while the store that lends recent learning its words is down: none can be read. */
    Dashboards unreadable() {
        return new Dashboards(() -> history, summaries, Clock.systemUTC()) {
            @Override
            public Dashboard dashboard(DashboardQuery query) {
                throw new MongoTimeoutException("The store did not answer");
            }
        };
    }

    void apply(List<ProjectedEvent> events) {
        history.applyEvents(events);
        summaries.applied(events);
    }

    Dashboard dashboard(DashboardQuery query) {
        return dashboards.dashboard(query);
    }

    String version() {
        return dashboards.version();
    }
}
