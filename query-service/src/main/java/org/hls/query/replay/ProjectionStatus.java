package org.hls.query.replay;

import org.hls.query.history.RebuildStatus;

/**
 * One projection as an administrator sees it.
 *
 * @param ready       whether this instance serves it: the history once it has caught up with the topic since this
 *                    instance started; a stored one unless it is live only in another release's shape
 * @param events      events it holds ({@code null} where it does not count them)
 * @param complete    whether it holds the whole history; {@code false} when it was built from a topic that had lost
 *                    its earliest events, until it is rebuilt from the event store ({@code null} where unknown)
 * @param rebuildable whether it can be rebuilt from here, beside the live one
 * @param rebuild     the rebuild running, or else the last one, or {@code null}
 */
public record ProjectionStatus(String name,
                               String description,
                               boolean ready,
                               Long events,
                               Boolean complete,
                               boolean rebuildable,
                               RebuildStatus rebuild) {
}
