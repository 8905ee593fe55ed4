package org.hls.query.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.learning.LearningRecorded;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.NewestFirst;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.hls.query.story.StoryProjection;
import org.springframework.stereotype.Component;

/**
 * One experiment with its timeline: what was proposed, each start, adaptation and conclusion as it happened, and the
 * learning recorded against it. The experiment's document is guarded by its sequence; the learning recorded against
 * it (other aggregates, other partitions, in any order) is linked in a document of its own by {@code $addToSet}.
 * Learning and the story it refers to are shown as the reader may read them when they ask.
 */
@Component
public class ExperimentTimelineProjection implements Projection {

    public static final String NAME = "ExperimentTimelineProjection";

    private final MongoCollection<Document> experiments;
    private final MongoCollection<Document> learningLinks;
    private final MongoCollection<Document> proposers;
    private final LearningFeedProjection learning;
    private final StoryProjection stories;
    private final ConsentProjection consent;

    ExperimentTimelineProjection(ViewCollections views, LearningFeedProjection learning,
                                 StoryProjection stories, ConsentProjection consent) {
        this.experiments = views.collection(name(), "experiment_timelines");
        this.learningLinks = views.collection(name(), "experiment_learning");
        this.proposers = views.collection(name(), "experiment_proposers");
        this.learning = learning;
        this.stories = stories;
        this.consent = consent;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new ExperimentTimelineProjection(views, learning, stories, consent);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * 2: a conclusion's step keeps the ending it said, which the experiment's history shows at that moment; 3: each
     * proposer's experiments keep their positions, by which they are listed newest first; 4: the day it was proposed
     * to end by kept beside the one it has now, and when each step became known, from which an export as of an
     * instant tells the day it had then, and each theme as events now carry it (whatever its stored text says).
     */
    @Override
    public int version() {
        return 4;
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            DomainEvent payload = event.payload();
            if (payload instanceof LearningRecorded recorded && recorded.experimentId() != null) {
                learningLinks.updateOne(new Document("_id", recorded.experimentId()),
                        new Document("$addToSet", new Document("learning", recorded.learningId())),
                        new UpdateOptions().upsert(true));
                continue;
            }
            if (payload instanceof ExperimentProposed proposed) {
                proposers.updateOne(new Document("_id", proposed.actor().personId()),
                        NewestFirst.listing("experiments", proposed.experimentId(), event.position()),
                        new UpdateOptions().upsert(true));
            }
            Document change = changeFor(payload);
            if (change == null) {
                continue;
            }
            // When it became known, as the history counts it: an export as of an instant reads the steps known then.
            Document step = new Document("type", event.envelope().type()).append("at", payload.occurredAt().toString())
                    .append("knownAt", event.envelope().knownAt().toEpochMilli())
                    .append("by", payload.actor().personId()).append("byName", payload.actor().name());
            change.append("$push", new Document("timeline", step.append("detail", change.remove("detail"))));
            change.get("$set", Document.class).append("sequence", event.sequence());
            GuardedWrites.updateUnlessApplied(experiments,
                    GuardedWrites.unapplied(event.envelope().aggregateId(), "sequence", event.sequence()), change,
                    payload instanceof ExperimentProposed);
        }
    }

    /** The fields an experiment's event sets, and under {@code detail} what its step in the timeline says. */
    private static Document changeFor(DomainEvent payload) {
        if (payload instanceof ExperimentProposed proposed) {
            Actor proposer = proposed.actor();
            return new Document("$set", new Document("title", proposed.title())
                    .append("hypothesis", proposed.hypothesis()).append("themes", proposed.themes())
                    .append("plannedEnding", proposed.plannedEnding())
                    .append("endsBy", proposed.endsBy() == null ? null : proposed.endsBy().toString())
                    .append("proposedEndsBy", proposed.endsBy() == null ? null : proposed.endsBy().toString())
                    .append("storyId", proposed.storyId()).append("visibility", proposed.visibility().name())
                    .append("status", "PROPOSED")
                    .append("proposer", new Document("personId", proposer.personId()).append("name", proposer.name())
                            .append("organisation", proposer.organisation()).append("team", proposer.team())
                            .append("place", proposer.place())))
                    .append("detail", null);
        }
        if (payload instanceof ExperimentStarted) {
            return new Document("$set", new Document("status", "RUNNING")).append("detail", null);
        }
        if (payload instanceof ExperimentAmplified amplified) {
            String visibility = amplified.visibility().name();
            return new Document("$set", new Document("visibility", visibility))
                    .append("detail", new Document("visibility", visibility)
                            .append("widenedFrom", amplified.widenedFrom().name()));
        }
        if (payload instanceof ExperimentAdapted adapted) {
            Document detail = new Document("change", adapted.change()).append("reason", adapted.reason());
            if (adapted.endsBy() == null) {
                return new Document("$set", new Document()).append("detail", detail);
            }
            // A moved end date is the experiment's from now on, and its step says so.
            String endsBy = adapted.endsBy().toString();
            return new Document("$set", new Document("endsBy", endsBy))
                    .append("detail", detail.append("endsBy", endsBy));
        }
        if (payload instanceof ExperimentEndingRecorded ending) {
            // An imported event may lack how it went: nothing said.
            String said = ending.ending() == null ? null : ending.ending().name();
            return new Document("$set", said == null ? new Document() : new Document("ending", said))
                    .append("detail", new Document("ending", said).append("endingNote", ending.endingNote()));
        }
        if (payload instanceof ExperimentConcluded concluded) {
            return new Document("$set", new Document("status", "CONCLUDED")
                    .append("outcome", concluded.outcome().name())
                    .append("ending", concluded.ending() == null ? null : concluded.ending().name()))
                    .append("detail", new Document("summary", concluded.summary())
                            .append("ending", concluded.ending() == null ? null : concluded.ending().name())
                            .append("endingNote", concluded.endingNote()));
        }
        return null;
    }

    /** The experiment as {@code reader} may see it, or empty when it does not exist for them. */
    public Optional<ExperimentTimeline> timeline(String experimentId, Reader reader) {
        return seen(experimentId, reader).map(Seen::timeline);
    }

    /**
     * How the experiment's understanding evolved as {@code reader} may see it, learning since taken back included (as
     * it was recorded, and taken back), or empty when it does not exist for them.
     */
    public Optional<ExperimentHistory> history(String experimentId, Reader reader) {
        return seen(experimentId, reader).map(seen -> ExperimentHistory.of(seen.timeline(),
                learning.retracted(seen.learningIds(), reader)));
    }

    /** An experiment as its reader sees it, and the learning recorded against it (whoever may read that). */
    private record Seen(ExperimentTimeline timeline, List<String> learningIds) {
    }

    private Optional<Seen> seen(String experimentId, Reader reader) {
        Document experiment = experiments.find(new Document("_id", experimentId)).first();
        if (experiment == null) {
            return Optional.empty();
        }
        Document proposerDocument = experiment.get("proposer", Document.class);
        Actor proposer = new Actor(proposerDocument.getString("personId"), proposerDocument.getString("name"),
                proposerDocument.getString("organisation"), proposerDocument.getString("team"),
                proposerDocument.getString("place"));
        Visibility visibility = Visibility.valueOf(experiment.getString("visibility"));
        // The facilitators and leaders of its organisation may change it (command-service's rule): they read it too,
        // unless it is private. Learning recorded within it is read as its own visibility says.
        boolean stewarded = reader.stewards(visibility, proposer.organisation());
        if (!visibility.admits(proposer, reader.actor()) && !stewarded) {
            return Optional.empty();
        }
        List<Document> steps = experiment.getList("timeline", Document.class, List.of());
        List<String> people = new ArrayList<>(steps.stream().map(step -> step.getString("by")).toList());
        people.add(proposer.personId());
        Words words = consent.wordsOf(people);
        Document links = learningLinks.find(new Document("_id", experimentId)).first();
        List<String> learningIds = links == null ? List.of() : links.getList("learning", String.class);
        String storyId = experiment.getString("storyId");
        // Its proposer changes it, whatever their team now; so do its team, unless it is private, and its stewards.
        boolean mayChange = stewarded || (visibility == Visibility.PRIVATE ? Visibility.PRIVATE : Visibility.TEAM)
                .admits(proposer, reader.actor());
        return Optional.of(new Seen(ExperimentTimeline.of(experimentId, experiment, proposer, mayChange, steps, words,
                learning.entries(learningIds, reader), storyId == null ? null : stories.story(storyId, reader)
                        .orElse(null)), learningIds));
    }

    /** What each of {@code experimentIds} proposed, and who proposed it: one exact-key lookup. */
    public Map<String, Proposal> proposals(Collection<String> experimentIds) {
        Map<String, Proposal> proposals = new HashMap<>();
        if (!experimentIds.isEmpty()) {
            experiments.find(new Document("_id", new Document("$in", List.copyOf(experimentIds))))
                    .forEach(experiment -> {
                        Document proposer = experiment.get("proposer", Document.class);
                        List<Proposal.Moved> moves = new ArrayList<>();
                        String conclusion = null;
                        String concludedBy = null;
                        for (Document step : experiment.getList("timeline", Document.class, List.of())) {
                            Document detail = step.get("detail", Document.class);
                            if ("ExperimentAdapted".equals(step.getString("type"))) {
                                if (detail != null && detail.getString("endsBy") != null) {
                                    moves.add(new Proposal.Moved(step.get("knownAt", Number.class).longValue(),
                                            detail.getString("endsBy")));
                                }
                            } else if ("ExperimentConcluded".equals(step.getString("type")) && detail != null) {
                                conclusion = detail.getString("summary");
                                concludedBy = step.getString("by");
                            }
                        }
                        proposals.put(experiment.getString("_id"), new Proposal(experiment.getString("title"),
                                experiment.getString("hypothesis"), experiment.getString("plannedEnding"),
                                experiment.getList("themes", String.class, List.of()),
                                Visibility.valueOf(experiment.getString("visibility")),
                                new Actor(proposer.getString("personId"), proposer.getString("name"),
                                        proposer.getString("organisation"), proposer.getString("team"),
                                        proposer.getString("place")),
                                experiment.getString("proposedEndsBy"), moves, conclusion, concludedBy));
                    });
        }
        return proposals;
    }

    /**
     * What an experiment proposed, and who proposed it; the day it was proposed to end by ({@code null}: open-ended)
     * and each move of that day by an adaptation, in order; what its conclusion said, and who concluded it, once it is
     * concluded.
     */
    public record Proposal(String title, String hypothesis, String plannedEnding, List<String> themes,
                           Visibility visibility, Actor proposer, String proposedEndsBy, List<Moved> moves,
                           String conclusion, String concludedBy) {

        /**
         * The day it planned to end by as known at {@code asOf} (epoch milliseconds): the last move known by then.
         * Not merely the first moves: two instances' clocks may disagree, and a later move be known first.
         */
        public String endsByAsOf(long asOf) {
            String endsBy = proposedEndsBy;
            for (Moved move : moves) {
                endsBy = move.knownAt() <= asOf ? move.endsBy() : endsBy;
            }
            return endsBy;
        }

        /** An adaptation that moved the day to end by to {@code endsBy}, known from {@code knownAt}. */
        public record Moved(long knownAt, String endsBy) {
        }
    }

    /**
     * Page {@code page} (from 0) of the experiments {@code reader} proposed, {@code size} at a time, newest first:
     * two exact-key reads, the second of at most {@code size} ids.
     */
    public ExperimentsPage proposedBy(Reader reader, int page, int size) {
        return page(NewestFirst.of(proposers.find(new Document("_id", reader.personId())).first(), "experiments"),
                reader, page, size);
    }

    /**
     * Page {@code page} (from 0) of the experiments {@code newestFirst} names that {@code reader} may read,
     * {@code size} at a time, newest proposed first: one exact-key read of at most {@code size} ids, each with its
     * proposer's words as their consent now allows.
     */
    public ExperimentsPage page(List<String> newestFirst, Reader reader, int page, int size) {
        int first = page * size;
        if (first >= newestFirst.size()) {
            return new ExperimentsPage(List.of(), false);
        }
        List<Document> found = new ArrayList<>();
        experiments.find(new Document("_id", new Document("$in",
                        newestFirst.subList(first, Math.min(newestFirst.size(), first + size)))))
                .projection(new Document("title", 1).append("status", 1).append("proposer", 1)
                        .append("visibility", 1).append("timeline", 1))
                .forEach(found::add);
        Words words = consent.wordsOf(found.stream()
                .map(experiment -> experiment.get("proposer", Document.class).getString("personId")).toList());
        List<ListedExperiment> listed = new ArrayList<>();
        for (Document experiment : found) {
            Document proposer = experiment.get("proposer", Document.class);
            String personId = proposer.getString("personId");
            Actor proposedBy = new Actor(personId, null, proposer.getString("organisation"),
                    proposer.getString("team"), proposer.getString("place"));
            if (Visibility.valueOf(experiment.getString("visibility")).admits(proposedBy, reader.actor())) {
                listed.add(new ListedExperiment(experiment.getString("_id"),
                        words.shown(experiment.getString("title"), personId), experiment.getString("status"),
                        words.shown(proposer.getString("name"), personId),
                        Instant.parse(experiment.getList("timeline", Document.class).get(0).getString("at"))));
            }
        }
        // Experiments are aggregates of their own, applied in any order: the newest proposed first, then as listed.
        listed.sort(Comparator.comparing(ListedExperiment::proposedAt).reversed()
                .thenComparing(experiment -> newestFirst.indexOf(experiment.experimentId())));
        return new ExperimentsPage(listed, first + size < newestFirst.size());
    }
}
