package org.hls.query.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.springframework.stereotype.Component;

/**
 * Which experiments each team's people proposed for their team or wider, so that a teammate finds a team experiment to
 * record learning within without being sent its link: one document per team listing each experiment with its
 * proposer, in the order proposed, read by exact key. An experiment proposed for its proposer alone is listed nowhere.
 */
@Component
public class TeamExperimentsProjection implements Projection {

    private final MongoCollection<Document> teams;
    private final ExperimentTimelineProjection timelines;

    TeamExperimentsProjection(ViewCollections views, ExperimentTimelineProjection timelines) {
        this.teams = views.collection(name(), "team_experiments");
        this.timelines = timelines;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new TeamExperimentsProjection(views, timelines);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        Map<String, List<Document>> proposed = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ExperimentProposed experiment
                    && experiment.visibility() != Visibility.PRIVATE && experiment.actor().team() != null) {
                proposed.computeIfAbsent(OverdueExperimentsProjection.teamKey(experiment.actor().organisation(),
                        experiment.actor().team()), team -> new ArrayList<>()).add(new Document("id",
                        experiment.experimentId()).append("proposer", experiment.actor().personId()));
            }
        }
        GuardedWrites.addToSets(teams, "experiments", proposed);
    }

    /**
     * Page {@code page} (from 0) of the experiments others of the reader's team proposed for the team or wider,
     * {@code size} at a time, newest first; none for a reader without a team.
     */
    public ExperimentsPage ofTeam(Reader reader, int page, int size) {
        String team = reader.actor().team();
        Document listed = team == null || team.isBlank() ? null : teams.find(new Document("_id",
                OverdueExperimentsProjection.teamKey(reader.actor().organisation(), team))).first();
        List<String> ids = new ArrayList<>(listed == null ? List.of() : listed.getList("experiments", Document.class)
                .stream().filter(experiment -> !reader.personId().equals(experiment.getString("proposer")))
                .map(experiment -> experiment.getString("id")).toList());
        Collections.reverse(ids);
        return timelines.page(ids, page, size);
    }
}
