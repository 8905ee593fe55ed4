package org.hls.query.cohort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.cohort.CohortEnded;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.cohort.CohortMemberLeft;
import org.hls.events.learning.LearningRecorded;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.NewestFirst;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.springframework.stereotype.Component;

/**
 * Peer-learning cohorts: each with its members and whether it ended (one document, guarded by the cohort's sequence:
 * who left is pulled from its members), one index of every cohort (a place has tens of them, listed to join), and the
 * learning recorded in each, by id ({@code $addToSet}: delivered again, nothing changes).
 */
@Component
public class CohortProjection implements Projection {

    private static final String ALL = "cohorts";

    private final MongoCollection<Document> cohorts;
    private final MongoCollection<Document> index;
    private final MongoCollection<Document> learning;
    private final ConsentProjection consent;

    CohortProjection(ViewCollections views, ConsentProjection consent) {
        this.cohorts = views.collection(name(), "cohorts");
        this.index = views.collection(name(), "cohort_index");
        this.learning = views.collection(name(), "cohort_learning");
        this.consent = consent;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new CohortProjection(views, consent);
    }

    /**
     * 2: a cohort's learning keeps each entry's position, by which it is listed newest first; 3: each theme as events
     * now carry it (whatever its stored text says).
     */
    @Override
    public int version() {
        return 3;
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof CohortFormed formed) {
                GuardedWrites.updateUnlessApplied(cohorts,
                        GuardedWrites.unapplied(formed.cohortId(), "sequence", event.sequence()),
                        new Document("$set", new Document("name", formed.name()).append("themes", formed.themes())
                                .append("formedBy", formed.actor().personId())
                                .append("formedByName", formed.actor().name())
                                .append("organisation", formed.actor().organisation())
                                .append("sequence", event.sequence())), true);
                index.updateOne(new Document("_id", ALL),
                        new Document("$addToSet", new Document("ids", formed.cohortId())),
                        new UpdateOptions().upsert(true));
            } else if (event.payload() instanceof CohortMemberEnrolled enrolled) {
                GuardedWrites.updateUnlessApplied(cohorts,
                        GuardedWrites.unapplied(enrolled.cohortId(), "sequence", event.sequence()),
                        new Document("$addToSet", new Document("members", enrolled.actor().personId()))
                                .append("$set", new Document("sequence", event.sequence())), false);
            } else if (event.payload() instanceof CohortMemberLeft left) {
                GuardedWrites.updateUnlessApplied(cohorts,
                        GuardedWrites.unapplied(left.cohortId(), "sequence", event.sequence()),
                        new Document("$pull", new Document("members", left.actor().personId()))
                                .append("$set", new Document("sequence", event.sequence())), false);
            } else if (event.payload() instanceof CohortEnded ended) {
                GuardedWrites.updateUnlessApplied(cohorts,
                        GuardedWrites.unapplied(ended.cohortId(), "sequence", event.sequence()),
                        new Document("$set", new Document("ended", true).append("sequence", event.sequence())),
                        false);
            } else if (event.payload() instanceof LearningRecorded recorded && recorded.cohortId() != null) {
                learning.updateOne(new Document("_id", recorded.cohortId()),
                        NewestFirst.listing("learning", recorded.learningId(), event.position()),
                        new UpdateOptions().upsert(true));
            }
        }
    }

    /** Every cohort, by name, each saying whether {@code personId} is enrolled in it. */
    public List<CohortSummary> cohorts(String personId) {
        Document all = index.find(new Document("_id", ALL)).first();
        if (all == null) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        cohorts.find(new Document("_id", new Document("$in", all.getList("ids", String.class)))).forEach(found::add);
        Words words = consent.wordsOf(found.stream().map(cohort -> cohort.getString("formedBy")).toList());
        return found.stream().map(cohort -> CohortSummary.of(cohort, personId, words))
                .sorted(Comparator.comparing(CohortSummary::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** One cohort as {@code personId} sees it, or empty when there is none. */
    public Optional<CohortSummary> cohort(String cohortId, String personId) {
        return Optional.ofNullable(cohorts.find(new Document("_id", cohortId)).first())
                .map(cohort -> CohortSummary.of(cohort, personId,
                        consent.wordsOf(List.of(cohort.getString("formedBy")))));
    }

    /** The ids of the learning recorded in the cohort, newest first. */
    public List<String> newestLearningIn(String cohortId) {
        return NewestFirst.of(learning.find(new Document("_id", cohortId)).first(), "learning");
    }
}
