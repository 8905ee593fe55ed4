package org.hls.query.history;

import java.util.List;

import org.hls.query.projection.ProjectedEvent;

/**
 * Told of every event the live history applies, right after it applied them.
 */
public interface HistoryObserver {

    void applied(List<ProjectedEvent> events);
}
