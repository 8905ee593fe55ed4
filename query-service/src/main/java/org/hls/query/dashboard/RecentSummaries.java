package org.hls.query.dashboard;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.MongoException;
import org.hls.events.SealedText;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningRecorded;
import org.hls.query.history.History;
import org.hls.query.history.HistoryObserver;
import org.hls.query.learning.LearningFeed;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.learning.LearningFeedProjection.Said;
import org.hls.query.person.PersonalKeys;
import org.hls.query.person.Words;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ProjectionNotReady;

/**
 * What recent learning says, for the dashboards' lists: the newest entries' summaries as the history receives them
 * (the learning feed, a projection of its own, may not have stored them yet), any other from the feed; shown as
 * anyone may see them ({@link Words}).
 */
public class RecentSummaries implements HistoryObserver {

    private static final int KEPT = 10_000;

    private final LearningFeedProjection feed;
    private final PersonalKeys keys;
    private final Map<String, Said> newest = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Said> eldest) {
            return size() > KEPT;
        }
    };

    /** Whether a list was read since {@link #tookWordsLeftOut()} last asked that left out learning it had no words of. */
    private final AtomicBoolean leftOut = new AtomicBoolean();

    public RecentSummaries(LearningFeedProjection feed, PersonalKeys keys) {
        this.feed = feed;
        this.keys = keys;
    }

    /** Keeps the summaries of the learning recorded among {@code events}, as said anew by any correction among them. */
    @Override
    public void applied(List<ProjectedEvent> events) {
        synchronized (newest) {
            for (ProjectedEvent event : events) {
                if (event.payload() instanceof LearningRecorded recorded) {
                    newest.put(recorded.learningId(), new Said(recorded.summary(), recorded.actor().personId()));
                } else if (event.payload() instanceof LearningCorrected corrected) {
                    newest.computeIfPresent(corrected.learningId(),
                            (learningId, said) -> new Said(corrected.summary(), said.authorId()));
                }
            }
        }
    }

    /**
     * What each of {@code learningIds} says, {@code [withdrawn]} for those who withdrew consent as the {@code known}
     * history says; an entry neither received nor stored yet is left out.
     */
    Map<String, String> of(Collection<String> learningIds, History known) {
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
            try {
                said.putAll(feed.summaries(learningIds.stream().filter(id -> !said.containsKey(id)).toList()));
            } catch (ProjectionNotReady rebuilding) {
                // The feed is being rebuilt in this release's shape: those summaries wait, the counts do not.
            }
        }
        List<String> authors = said.values().stream().map(Said::authorId).toList();
        // What was taken back, in one look at the history: whose consent, and which entries (retracted since a past
        // instant whose dashboard lists them).
        Set<String> retracted = new HashSet<>();
        List<String> withdrawn = known.read(reading -> {
            said.keySet().stream().filter(reading::retracted).forEach(retracted::add);
            return authors.stream().filter(reading::withdrew).toList();
        });
        Words words = wordsOf(said, withdrawn);
        Map<String, String> shown = new HashMap<>();
        said.forEach((id, summary) -> shown.put(id, retracted.contains(id) ? LearningFeed.RETRACTED
                : words.shown(summary.summary(), summary.authorId())));
        if (shown.size() < learningIds.size()) {
            leftOut.set(true);
        }
        return shown;
    }

    /**
     * Whether a list read since the last time this was asked left out learning whose words it could not read then (its
     * summary not kept yet, or the store away with its writer's key not in memory): the list is to be read again.
     */
    boolean tookWordsLeftOut() {
        return leftOut.getAndSet(false);
    }

    /**
     * The words of the sealed summaries' writers. While the store is away, summaries whose writer's key is not in
     * memory yet wait (left out of {@code said}); the counts and the rest do not.
     */
    private Words wordsOf(Map<String, Said> said, List<String> withdrawn) {
        List<String> sealed = said.values().stream().filter(summary -> SealedText.isSealed(summary.summary()))
                .map(Said::authorId).toList();
        try {
            return keys.wordsOf(sealed, withdrawn);
        } catch (MongoException storeAway) {
            said.values().removeIf(summary -> SealedText.isSealed(summary.summary())
                    && !keys.inMemory(summary.authorId()));
            return keys.wordsInMemory(sealed, withdrawn);
        }
    }
}
