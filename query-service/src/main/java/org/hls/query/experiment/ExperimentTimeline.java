package org.hls.query.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.hls.events.Actor;
import org.hls.query.learning.LearningFeed;
import org.hls.query.person.Words;
import org.hls.query.story.StoryView;

/**
 * One experiment as a reader may see it, with its timeline and the learning recorded against it.
 *
 * @param mayChange whether the reader may change it (start, adapt, conclude, share it): its proposer, its team, or a
 *                  facilitator or leader of its organisation, as command-service decides; a private one, its proposer
 * @param story    the story it refers to, when the reader may read it under the story's consent; else {@code null}
 * @param timeline each step: proposed, started, adapted, shared more widely, concluded, with what it said
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
                                 boolean mayChange,
                                 String organisation,
                                 String team,
                                 StoryView story,
                                 List<Step> timeline,
                                 List<LearningFeed.Item> learning) {

    /**
     * @param detail what the step said (a change and its reason; who it was shared with; a summary and how the ending
     *               went)
     */
    public record Step(String type, String at, String by, Map<String, String> detail) {
    }

    /** What a step says that is not anyone's words (a choice, a date): shown as it is, whoever withdrew. */
    private static final Set<String> NOT_WORDS = Set.of("ending", "endsBy", "visibility", "widenedFrom");

    static ExperimentTimeline of(String experimentId, Document experiment, Actor proposer, boolean mayChange,
                                 List<Document> steps, Words words, List<LearningFeed.Item> learning,
                                 StoryView story) {
        String proposerId = proposer.personId();
        List<Step> shownSteps = steps.stream().map(step -> {
            Map<String, String> detail = new LinkedHashMap<>();
            Document said = step.get("detail", Document.class);
            if (said != null) {
                said.forEach((name, value) -> detail.put(name, NOT_WORDS.contains(name) ? (String) value
                        : words.shown((String) value, step.getString("by"))));
            }
            return new Step(step.getString("type"), step.getString("at"),
                    words.shown(step.getString("byName"), step.getString("by")), detail);
        }).toList();
        return new ExperimentTimeline(experimentId, words.shown(experiment.getString("title"), proposerId),
                words.shown(experiment.getString("hypothesis"), proposerId),
                // Themes are short free text too: they go with the words of someone who withdrew.
                words.withdrew(proposerId) ? List.of() : experiment.getList("themes", String.class),
                words.shown(experiment.getString("plannedEnding"), proposerId),
                experiment.getString("endsBy"), experiment.getString("visibility"), experiment.getString("status"),
                experiment.getString("outcome"), experiment.getString("ending"),
                words.shown(proposer.name(), proposerId), mayChange, proposer.organisation(),
                proposer.team(), story, shownSteps, learning);
    }
}
