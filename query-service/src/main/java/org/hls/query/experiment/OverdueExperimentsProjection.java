package org.hls.query.experiment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.springframework.stereotype.Component;

/**
 * Experiments with a planned end date and no conclusion yet, so that those past it can be listed for their team and
 * the facilitators and leaders of their organisation. One document per experiment (guarded by its sequence; an adaptation may move
 * or set its end date) and two index documents, per team and per organisation, hold the ids of those with an end
 * date to look up by exact key.
 */
@Component
public class OverdueExperimentsProjection implements Projection {

    private final MongoCollection<Document> experiments;
    private final MongoCollection<Document> index;
    private final ConsentProjection consent;

    OverdueExperimentsProjection(ViewCollections views, ConsentProjection consent) {
        this.experiments = views.collection(name(), "open_experiments");
        this.index = views.collection(name(), "open_experiments_index");
        this.consent = consent;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new OverdueExperimentsProjection(views, consent);
    }

    /** 2: it keeps open-ended experiments too, which an adaptation may give an end date. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ExperimentProposed proposed) {
                // Open-ended ones are kept too: an adaptation may give one an end date.
                String organisation = proposed.actor().organisation();
                String team = proposed.actor().team();
                Document unapplied = GuardedWrites.unapplied(proposed.experimentId(), "sequence", event.sequence());
                boolean applied = GuardedWrites.updateUnlessApplied(experiments, unapplied, new Document("$set",
                        new Document("title", proposed.title())
                                .append("endsBy", proposed.endsBy() == null ? null : proposed.endsBy().toString())
                                .append("organisation", organisation).append("team", team)
                                .append("proposer", proposed.actor().personId())
                                .append("visibility", proposed.visibility().name()).append("concluded", false)
                                .append("sequence", event.sequence())), true);
                // Listed again when delivered again: a first try may have stopped between its two writes.
                if (proposed.endsBy() != null && (applied || isOpen(proposed.experimentId()))) {
                    index(proposed.experimentId(), organisation, team);
                }
            } else if (event.payload() instanceof ExperimentAdapted adapted && adapted.endsBy() != null) {
                Document experiment = experiments.find(new Document("_id", adapted.experimentId())).first();
                if (experiment == null) {
                    continue; // open-ended and proposed before such were kept: a rebuild lists it
                }
                GuardedWrites.updateUnlessApplied(experiments,
                        GuardedWrites.unapplied(adapted.experimentId(), "sequence", event.sequence()),
                        new Document("$set", new Document("endsBy", adapted.endsBy().toString())
                                .append("sequence", event.sequence())), false);
                // Listed again when delivered again: a first try may have stopped between its two writes.
                if (!experiment.getBoolean("concluded", false)) {
                    index(adapted.experimentId(), experiment.getString("organisation"), experiment.getString("team"));
                }
            } else if (event.payload() instanceof ExperimentAmplified amplified) {
                // Who may read it in the list is who may read it.
                GuardedWrites.updateUnlessApplied(experiments,
                        GuardedWrites.unapplied(amplified.experimentId(), "sequence", event.sequence()),
                        new Document("$set", new Document("visibility", amplified.visibility().name())
                                .append("sequence", event.sequence())), false);
            } else if (event.payload() instanceof ExperimentConcluded concluded) {
                Document experiment = experiments.find(new Document("_id", concluded.experimentId())).first();
                if (experiment == null) {
                    continue;
                }
                GuardedWrites.updateUnlessApplied(experiments,
                        GuardedWrites.unapplied(concluded.experimentId(), "sequence", event.sequence()),
                        new Document("$set", new Document("concluded", true).append("sequence", event.sequence())),
                        false);
                String organisation = experiment.getString("organisation");
                for (String key : List.of(teamKey(organisation, experiment.getString("team")),
                        organisationKey(organisation))) {
                    index.updateOne(new Document("_id", key),
                            new Document("$pull", new Document("ids", concluded.experimentId())));
                }
            }
        }
    }

    /** Whether the experiment is kept and not concluded: a proposal delivered again lists it again only then. */
    private boolean isOpen(String experimentId) {
        Document experiment = experiments.find(new Document("_id", experimentId)).first();
        return experiment != null && !experiment.getBoolean("concluded", false);
    }

    /** Lists an experiment with an end date for its team and organisation; a concluded one read so is left out. */
    private void index(String experimentId, String organisation, String team) {
        GuardedWrites.addToSets(index, "ids", Map.of(teamKey(organisation, team), List.of(experimentId),
                organisationKey(organisation), List.of(experimentId)));
    }

    /**
     * The reader's team's experiments past their end date on {@code today} without a conclusion, and, for a
     * facilitator or leader, those of their whole organisation; each only if the reader may read the experiment itself
     * (as {@code GET /api/experiments/{id}} decides: its visibility admits them, or they steward it). A reader without
     * an organisation and a team has no team list.
     */
    public List<OverdueExperiment> overdue(Reader reader, LocalDate today) {
        String organisation = reader.actor().organisation();
        String team = reader.actor().team();
        if (organisation == null || organisation.isBlank()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        if (team != null && !team.isBlank()) {
            keys.add(teamKey(organisation, team));
        }
        if (reader.stewards(organisation)) {
            keys.add(organisationKey(organisation));
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        index.find(new Document("_id", new Document("$in", keys)))
                .forEach(entry -> ids.addAll(entry.getList("ids", String.class, List.of())));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        experiments.find(new Document("_id", new Document("$in", List.copyOf(ids)))).forEach(found::add);
        Words words = consent.wordsOf(found.stream().map(experiment -> experiment.getString("proposer")).toList());
        List<OverdueExperiment> overdue = new ArrayList<>();
        for (Document experiment : found) {
            if (experiment.getString("endsBy") == null) {
                continue;
            }
            LocalDate endsBy = LocalDate.parse(experiment.getString("endsBy"));
            Actor proposer = new Actor(experiment.getString("proposer"), null, experiment.getString("organisation"),
                    experiment.getString("team"), null);
            Visibility visibility = Visibility.valueOf(experiment.getString("visibility"));
            // Its organisation's facilitators and leaders read and may change it unless it is private.
            boolean readable = visibility.admits(proposer, reader.actor())
                    || reader.stewards(visibility, proposer.organisation());
            if (!experiment.getBoolean("concluded", false) && endsBy.isBefore(today) && readable) {
                overdue.add(new OverdueExperiment(experiment.getString("_id"),
                        words.shown(experiment.getString("title"), proposer.personId()),
                        endsBy, experiment.getString("team")));
            }
        }
        overdue.sort(Comparator.comparing(OverdueExperiment::endsBy).thenComparing(OverdueExperiment::experimentId));
        return overdue;
    }

    /** Names escaped so that no organisation and team spell another's key ({@code a/b} and {@code c}). */
    static String teamKey(String organisation, String team) {
        return "team:" + escaped(organisation) + "/" + escaped(team);
    }

    private static String escaped(String name) {
        return name == null ? "" : name.replace("%", "%25").replace("/", "%2F");
    }

    private static String organisationKey(String organisation) {
        return "organisation:" + escaped(organisation);
    }
}
