package org.hls.query.dashboard;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hls.events.learning.LearningRecorded;
import org.hls.query.history.HistoryObserver;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.learning.LearningFeedProjection.Said;
import org.hls.query.projection.ProjectedEvent;

/**
 * What recent learning says, for the dashboards' lists: the newest entries' summaries as the history receives them
 * (the learning feed, a projection of its own, may not have stored them yet), any other from the feed.
 */
public class RecentSummaries implements HistoryObserver {

    private static final int KEPT = 10_000;

    private final LearningFeedProjection feed;
    private final Map<String, Said> newest = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Said> eldest) {
            return size() > KEPT;
        }
    };

    public RecentSummaries(LearningFeedProjection feed) {
        this.feed = feed;
    }

    /** Keeps the summaries of the learning recorded among {@code events}. */
    @Override
    public void applied(List<ProjectedEvent> events) {
        synchronized (newest) {
            for (ProjectedEvent event : events) {
                if (event.payload() instanceof LearningRecorded recorded) {
                    newest.put(recorded.learningId(), new Said(recorded.summary(), recorded.actor().personId()));
                }
            }
        }
    }

    /** What each of {@code learningIds} says; an entry neither received nor stored yet is left out. */
    Map<String, Said> of(Collection<String> learningIds) {
        Map<String, Said> said = new HashMap<>();
        synchronized (newest) {
            learningIds.forEach(id -> {
                Said summary = newest.get(id);
                if (summary != null) {
                    said.put(id, summary);
                }
            });
        }
        if (said.size() < learningIds.size()) {
            said.putAll(feed.summaries(learningIds.stream().filter(id -> !said.containsKey(id)).toList()));
        }
        return said;
    }
}
