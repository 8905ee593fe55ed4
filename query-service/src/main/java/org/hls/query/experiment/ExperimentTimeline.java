package org.hls.query.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.hls.events.Actor;
import org.hls.query.learning.LearningFeed;
import org.hls.query.person.ConsentProjection;
import org.hls.query.story.StoryView;

/**
 * One experiment as a reader may see it, with its timeline and the learning recorded against it.
 *
 * @param story    the story it refers to, when the reader may read it under the story's consent; else {@code null}
 * @param timeline each step: proposed, started, adapted, concluded, with what it said
 * @param learning the learning recorded against it that the reader may read, newest first
 */
public record ExperimentTimeline(String experimentId,
                                 String title,
                                 String hypothesis,
                                 List<String> themes,
                                 String plannedEnding,
                                 String endsBy,
                                 String visibility,
                                 String status,
                                 String outcome,
                                 String ending,
                                 String proposedBy,
                                 String organisation,
                                 String team,
                                 StoryView story,
                                 List<Step> timeline,
                                 List<LearningFeed.Item> learning) {

    /** @param detail what the step said (a change and its reason; a summary and how the ending went) */
    public record Step(String type, String at, String by, Map<String, String> detail) {
    }

    static ExperimentTimeline of(String experimentId, Document experiment, Actor proposer, List<Document> steps,
                                 Set<String> withdrawn, List<LearningFeed.Item> learning, StoryView story) {
        String proposerId = proposer.personId();
        List<Step> shownSteps = steps.stream().map(step -> {
            Map<String, String> detail = new LinkedHashMap<>();
            Document said = step.get("detail", Document.class);
            if (said != null) {
                said.forEach((name, value) -> detail.put(name,
                        ConsentProjection.shown((String) value, step.getString("by"), withdrawn)));
            }
            return new Step(step.getString("type"), step.getString("at"),
                    ConsentProjection.shown(step.getString("byName"), step.getString("by"), withdrawn), detail);
        }).toList();
        return new ExperimentTimeline(experimentId, experiment.getString("title"),
                ConsentProjection.shown(experiment.getString("hypothesis"), proposerId, withdrawn),
                experiment.getList("themes", String.class),
                ConsentProjection.shown(experiment.getString("plannedEnding"), proposerId, withdrawn),
                experiment.getString("endsBy"), experiment.getString("visibility"), experiment.getString("status"),
                experiment.getString("outcome"), experiment.getString("ending"),
                ConsentProjection.shown(proposer.name(), proposerId, withdrawn), proposer.organisation(),
                proposer.team(), story, shownSteps, learning);
    }
}
