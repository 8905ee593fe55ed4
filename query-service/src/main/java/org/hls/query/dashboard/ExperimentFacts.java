package org.hls.query.dashboard;

import java.util.List;

import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.experiment.ExperimentProposed;

/**
 * What the dashboards must remember of an experiment to count its start and conclusion: whether it is shared, whose
 * work it is, on which themes.
 *
 * @param sequence the proposal's sequence number, guarding the stored document
 */
record ExperimentFacts(boolean shared, Actor proposer, List<String> themes, long sequence) {

    static ExperimentFacts of(ExperimentProposed proposed, long sequence) {
        return new ExperimentFacts(proposed.visibility().isShared(), DashboardEntry.withoutName(proposed.actor()),
                proposed.themes(), sequence);
    }

    static ExperimentFacts of(Document stored) {
        return new ExperimentFacts(stored.getBoolean("shared", false),
                new Actor(stored.getString("proposer"), null, stored.getString("organisation"),
                        stored.getString("team"), stored.getString("place")),
                stored.getList("themes", String.class, List.of()), stored.getLong("sequence"));
    }

    Document toDocument() {
        return new Document("shared", shared).append("proposer", proposer.personId())
                .append("organisation", proposer.organisation()).append("team", proposer.team())
                .append("place", proposer.place()).append("themes", themes).append("sequence", sequence);
    }
}
