package org.hls.query.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAmplified;
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
 * Which experiments each team's people proposed for their team or wider, so that a teammate finds a team experiment to
 * record learning within without being sent its link: one document per team listing each experiment with its
 * proposer and its place in the whole history, read by exact key. An experiment proposed for its proposer alone is
 * listed nowhere until they share it with their team or wider (only they may): then it is listed for the team they
 * proposed it in, which its visibility names, so where it was proposed is kept for each such experiment.
 */
@Component
public class TeamExperimentsProjection implements Projection {

    private final MongoCollection<Document> teams;
    /** Where each experiment proposed for its proposer alone was proposed, by its id. */
    private final MongoCollection<Document> privateOnes;
    private final ExperimentTimelineProjection timelines;
    private final ConsentProjection consent;

    TeamExperimentsProjection(ViewCollections views, ExperimentTimelineProjection timelines,
                              ConsentProjection consent) {
        this.teams = views.collection(name(), "team_experiments");
        this.privateOnes = views.collection(name(), "private_experiments");
        this.timelines = timelines;
        this.consent = consent;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new TeamExperimentsProjection(views, timelines, consent);
    }

    /** 2: it keeps where each private experiment was proposed, to list it there once shared. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        Map<String, List<Document>> listed = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ExperimentProposed experiment) {
                Actor proposer = experiment.actor();
                Document where = new Document("_id", experiment.experimentId())
                        .append("organisation", proposer.organisation()).append("team", proposer.team())
                        .append("proposer", proposer.personId());
                if (experiment.visibility() == Visibility.PRIVATE) {
                    privateOnes.replaceOne(new Document("_id", experiment.experimentId()), where,
                            new ReplaceOptions().upsert(true));
                } else {
                    list(listed, where, event.position());
                }
            } else if (event.payload() instanceof ExperimentAmplified shared
                    && shared.widenedFrom() == Visibility.PRIVATE) {
                // Its proposal came before it (one aggregate, one partition): where it was proposed is kept.
                Document where = privateOnes.find(new Document("_id", shared.experimentId())).first();
                if (where != null) {
                    list(listed, where, event.position());
                }
            }
        }
        GuardedWrites.addToSets(teams, "experiments", listed);
    }

    /** Lists an experiment proposed {@code where} (its id, organisation, team and proposer) for its team, if any. */
    private static void list(Map<String, List<Document>> listed, Document where, long position) {
        String team = where.getString("team");
        if (team != null) {
            listed.computeIfAbsent(OverdueExperimentsProjection.teamKey(where.getString("organisation"), team),
                    key -> new ArrayList<>()).add(new Document("id", where.getString("_id"))
                    .append("proposer", where.getString("proposer")).append("position", position));
        }
    }

    /**
     * Page {@code page} (from 0) of the experiments others of the reader's team proposed for the team or wider,
     * {@code size} at a time, newest first; none for a reader without a team.
     */
    public ExperimentsPage ofTeam(Reader reader, int page, int size) {
        String team = reader.actor().team();
        Document listed = team == null || team.isBlank() ? null : teams.find(new Document("_id",
                OverdueExperimentsProjection.teamKey(reader.actor().organisation(), team))).first();
        List<Document> others = listed == null ? List.of() : listed.getList("experiments", Document.class).stream()
                .filter(experiment -> !reader.personId().equals(experiment.getString("proposer"))).toList();
        // Nothing of someone who withdrew their consent can be read: their experiments are not offered.
        Words words = consent.wordsOf(others.stream().map(experiment -> experiment.getString("proposer")).toList());
        List<String> ids = others.stream().filter(experiment -> !words.withdrew(experiment.getString("proposer")))
                .sorted(Comparator.comparingLong((Document experiment) -> experiment.getLong("position")).reversed())
                .map(experiment -> experiment.getString("id")).toList();
        return timelines.page(ids, reader, page, size);
    }
}
