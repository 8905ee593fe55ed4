package org.hls.query.projection;

import java.util.List;

/**
 * A read model fed from the event topic. Applying must be idempotent: an event delivered again, or a batch replayed
 * after a crash, changes nothing. With no multi-document transactions, every document carries the progress it has
 * applied and each update is a single-document atomic write conditional on that progress.
 */
public interface Projection {

    /** Applies a batch of events, in the order of their partitions; events of one partition are in order. */
    void apply(List<ProjectedEvent> events);

    /**
     * The same projection writing into {@code collections} (a generation being rebuilt), reading other projections
     * as this one does.
     */
    Projection rebuiltIn(ViewCollections collections);

    /**
     * The shape of what it writes. A release that changes it gives a higher version, and a deployment whose store
     * holds an older one builds it afresh beside the live generation, under the same name, before switching to it.
     */
    default int version() {
        return 1;
    }

    /** Its name in metrics and to administrators. */
    default String name() {
        return getClass().getSimpleName();
    }

}
