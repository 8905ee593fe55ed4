package org.hls.query.projection;

import java.util.List;

/**
 * A read model fed from the event topic. Applying must be idempotent: an event delivered again, or a batch replayed
 * after a crash, changes nothing. With no multi-document transactions, every document carries the progress it has
 * applied and each update is a single-document atomic write conditional on that progress.
 */
public interface Projection {

    /** The consumer group of the projections that share each poll. */
    String MAIN = "main";
    /** A group of its own for what a wall screen shows live, so that no other projection delays it. */
    String LIVE = "live";
    /** A group of its own for the dashboards of narrower scopes, whose many writes delay no other projection. */
    String DASHBOARDS = "dashboards";

    /** Applies a batch of events, in the order of their partitions; events of one partition are in order. */
    void apply(List<ProjectedEvent> events);

    /** Its name in metrics. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Which consumer group feeds it: {@link #MAIN}, unless it must not wait for the others or hold them up. */
    default String group() {
        return MAIN;
    }
}
