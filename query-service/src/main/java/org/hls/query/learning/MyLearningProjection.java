package org.hls.query.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.learning.LearningRecorded;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.springframework.stereotype.Component;

/**
 * Which learning each person recorded under their name, whatever its audience, so that they can find it again on any
 * device to share it more widely or take it back. Listed by author and span of {@value #PAGE_SPAN} global positions
 * (a page never grows past that), with one small index per author naming their spans; read newest first by exact key.
 * Learning shared without a name is listed nowhere: its pseudonym leads to nobody here. What an entry says, and
 * whether it was taken back, is the learning feed's ({@link LearningFeedProjection#entries}).
 */
@Component
public class MyLearningProjection implements Projection {

    static final long PAGE_SPAN = 1024;
    private static final int SPANS_PER_READ = 16;

    private final MongoCollection<Document> pages;
    private final MongoCollection<Document> spans;
    private final LearningFeedProjection feed;

    MyLearningProjection(ViewCollections views, LearningFeedProjection feed) {
        this.pages = views.collection(name(), "my_learning_pages");
        this.spans = views.collection(name(), "my_learning_spans");
        this.feed = feed;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new MyLearningProjection(views, feed);
    }

    /** A poll's entries in two round trips: every page with all it gained, then every author's spans. */
    @Override
    public void apply(List<ProjectedEvent> events) {
        Map<String, List<Document>> pageItems = new LinkedHashMap<>();
        Map<String, Set<Long>> authorSpans = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof LearningRecorded recorded
                    && !Actor.isPseudonym(recorded.actor().personId())) {
                String author = recorded.actor().personId();
                long span = event.position() / PAGE_SPAN;
                pageItems.computeIfAbsent(pageKey(author, span), page -> new ArrayList<>()).add(
                        new Document("id", event.envelope().aggregateId()).append("position", event.position()));
                authorSpans.computeIfAbsent(author, spans -> new LinkedHashSet<>()).add(span);
            }
        }
        GuardedWrites.addToSets(pages, "items", pageItems);
        GuardedWrites.addToSets(spans, "spans", authorSpans);
    }

    /**
     * One page of the learning {@code reader} recorded under their name and has not taken back, newest first:
     * entries recorded before the {@code before} position (a cursor; {@code null} for the first page).
     */
    public LearningFeed mine(Reader reader, Long before, int size) {
        String author = reader.actor().personId();
        Document index = spans.find(new Document("_id", author)).first();
        List<Long> known = index == null ? List.of() : index.getList("spans", Long.class).stream()
                .filter(span -> before == null || span * PAGE_SPAN < before)
                .sorted(Comparator.reverseOrder()).toList();
        List<LearningFeed.Item> page = new ArrayList<>();
        for (int from = 0; from < known.size() && page.size() < size; from += SPANS_PER_READ) {
            List<String> keys = known.subList(from, Math.min(known.size(), from + SPANS_PER_READ)).stream()
                    .map(span -> pageKey(author, span)).toList();
            List<String> newest = LearningFeedProjection.newestListed(pages, keys, before);
            int perRead = Math.max(2 * size, 50);
            for (int next = 0; next < newest.size() && page.size() < size; next += perRead) {
                for (LearningFeed.Item item : feed.entries(newest.subList(next,
                        Math.min(newest.size(), next + perRead)), reader)) {
                    if (page.size() < size) {
                        page.add(item);
                    }
                }
            }
        }
        return new LearningFeed(page, page.size() == size ? page.get(size - 1).position() : null);
    }

    private static String pageKey(String author, long span) {
        return author + "|" + span;
    }
}
