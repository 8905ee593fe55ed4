package org.hls.query.projection;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;


/**
 * The whole event store, read from its owner in global position order: the source of a rebuild when the topic no
 * longer holds the whole history.
 */
public interface EventStoreReplay {

    /**
     * Hands every stored event to {@code batches} in global position order, in batches, each event with the topic
     * partition it is published to, with the position of the last event stored when the replay began; stops early
     * when {@code running} turns false.
     */
    void replay(int partitions, BiConsumer<List<ProjectedEvent>, Long> batches, BooleanSupplier running);
}
