package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import org.hls.query.history.History;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;

/**
 * The dashboards over a history of their own, fed events as the history's consumer would deliver them. A dashboard of
 * the present is read both afresh and as a stream reads it, again and again, counting only what was added: the two
 * must agree whatever happened in between.
 */
final class DashboardsUnderTest {

    final History history;
    final Dashboards dashboards;
    private final RecentSummaries summaries;
    private final LearningFeedProjection feed;
    private final PersonalKeys keys;
    private final Map<DashboardQuery, Dashboards.Live> followed = new HashMap<>();

    DashboardsUnderTest(MongoDatabase database, Clock clock) {
        this.history = new History(clock);
        ViewCollections views = ViewCollections.of(database);
        ConsentProjection consent = new ConsentProjection(views, new PersonalKeys(database));
        this.keys = new PersonalKeys(database);
        this.feed = new LearningFeedProjection(views, consent);
        this.summaries = new RecentSummaries(feed, keys);
        this.dashboards = new Dashboards(() -> history, summaries, clock);
    }

    /** The same dashboards while the store that lends recent learning its words is down: none can be read. */
    Dashboards unreadable() {
        RecentSummaries down = new RecentSummaries(feed, keys) {
            @Override
            Map<String, String> of(Collection<String> learningIds, History known) {
                throw new MongoTimeoutException("The store did not answer");
            }
        };
        return new Dashboards(() -> history, down, Clock.systemUTC());
    }

    void apply(List<ProjectedEvent> events) {
        history.applyEvents(events);
        summaries.applied(events);
    }

    /** The words of {@code events}, which the history has applied already, told now (as its observers are, later). */
    void said(List<ProjectedEvent> events) {
        summaries.applied(events);
    }

    Dashboard dashboard(DashboardQuery query) {
        if (query.asOf() == null) {
            Dashboard read = followed(query).read();
            Dashboard afresh = dashboards.dashboard(query.asOf(read.asOf()));
            assertThat(read.sameAs(afresh)).as("the dashboard read again, counting only what was added, is the one "
                    + "read afresh at the same instant:%n%s%n%s", read, afresh).isTrue();
        }
        return dashboards.dashboard(query);
    }

    /** The dashboard of the present {@code query} asks for, as a stream reads it, again and again. */
    Dashboards.Live followed(DashboardQuery query) {
        return followed.computeIfAbsent(query, dashboards::live);
    }

    String version() {
        return dashboards.version();
    }
}
