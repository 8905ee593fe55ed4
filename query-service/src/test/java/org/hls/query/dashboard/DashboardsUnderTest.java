package org.hls.query.dashboard;

import java.time.Clock;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import org.hls.query.person.ConsentProjection;
import org.hls.query.projection.ProjectedEvent;

/** Both dashboard projections over one database, fed events as their two consumer groups would deliver them. */
final class DashboardsUnderTest {

    final DashboardProjection wholeSystem;
    final DashboardProjection scoped;
    final Dashboards dashboards;

    DashboardsUnderTest(MongoDatabase database, int partitions, ConsentProjection consent, Clock clock) {
        this.wholeSystem = DashboardProjection.wholeSystem(database, partitions, consent, clock);
        this.scoped = DashboardProjection.scoped(database, partitions, consent, clock);
        this.dashboards = new Dashboards(wholeSystem, scoped);
    }

    void apply(List<ProjectedEvent> events) {
        wholeSystem.apply(events);
        scoped.apply(events);
    }

    Dashboard dashboard(DashboardQuery query) {
        return dashboards.dashboard(query);
    }

    String version() {
        return wholeSystem.version() + "/" + scoped.version();
    }
}
