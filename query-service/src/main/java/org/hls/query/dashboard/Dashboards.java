package org.hls.query.dashboard;

/**
 * Every dashboard, read from the projection that keeps its scope: the whole system's, or a narrower one's.
 */
public class Dashboards {

    private final DashboardProjection wholeSystem;
    private final DashboardProjection scoped;

    Dashboards(DashboardProjection wholeSystem, DashboardProjection scoped) {
        this.wholeSystem = wholeSystem;
        this.scoped = scoped;
    }

    public Dashboard dashboard(DashboardQuery query) {
        return keeping(query).dashboard(query);
    }

    /** A version of what {@code query} reads: it changes whenever that dashboard may have. */
    public String version(DashboardQuery query) {
        return keeping(query).version();
    }

    private DashboardProjection keeping(DashboardQuery query) {
        return query.scope().isEverything() ? wholeSystem : scoped;
    }
}
