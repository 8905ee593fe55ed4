package org.hls.query.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hls.events.learning.LearningKind;
import org.hls.query.learning.LearningFeed;
import org.hls.query.learning.RetractedEntry;

/**
 * How one experiment's understanding evolved: each of its events, and each piece of learning recorded against it
 * that the reader may read, in the order they happened, each with what the experiment looked like after it.
 */
public record ExperimentHistory(String experimentId, String title, List<Moment> moments) {

    /**
     * One moment in the experiment's life.
     *
     * @param type   the event's name ({@code ExperimentProposed}, ..., {@code LearningRecorded},
     *               {@code LearningCorrected}, {@code LearningRetracted})
     * @param detail what it said
     * @param after  the experiment just after it
     */
    public record Moment(String type, String at, String by, Map<String, String> detail, State after) {
    }

    /**
     * The experiment at a moment.
     *
     * @param status      {@code PROPOSED}, {@code RUNNING} or {@code CONCLUDED}
     * @param adaptations how many changes were made so far (each one's words are in its own moment, said once: an
     *                    experiment of many changes and much learning would otherwise repeat them at every moment)
     * @param learning    learning recorded against it so far, by kind
     * @param outcome     its outcome, once concluded
     * @param ending      how its planned ending went, once concluded and said
     * @param visibility  who could read it: as proposed, then as each sharing widened it
     */
    public record State(String status, int adaptations, Map<String, Long> learning, String outcome,
                        String ending, String visibility) {
    }

    /**
     * Folds the timeline and the learning into moments, each with the state it leaves: learning since taken back
     * ({@code retracted}) is a moment when it was recorded, its words {@code [retracted]}, and one when it was taken
     * back, so that the history does not rewrite what the experiment looked like between the two.
     */
    static ExperimentHistory of(ExperimentTimeline timeline, List<RetractedEntry> retracted) {
        List<Moment> unfolded = new ArrayList<>();
        timeline.timeline().forEach(step -> unfolded.add(new Moment(step.type(), step.at(), step.by(), step.detail(),
                null)));
        timeline.learning().forEach(item -> {
            // As it was said then: each correction a moment of its own, saying what it said from then on, and why.
            List<LearningFeed.Correction> corrections = item.corrections();
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("learningId", item.id());
            detail.put("kind", item.kind());
            detail.put("summary", corrections.isEmpty() ? item.summary() : corrections.get(0).summary());
            unfolded.add(new Moment("LearningRecorded", item.at(), item.author(), detail, null));
            for (int i = 0; i < corrections.size(); i++) {
                Map<String, String> corrected = new LinkedHashMap<>();
                corrected.put("learningId", item.id());
                corrected.put("kind", item.kind());
                corrected.put("summary", i + 1 < corrections.size() ? corrections.get(i + 1).summary()
                        : item.summary());
                corrected.put("reason", corrections.get(i).reason());
                unfolded.add(new Moment("LearningCorrected", corrections.get(i).at(), item.author(), corrected,
                        null));
            }
        });
        retracted.forEach(entry -> {
            unfolded.add(new Moment("LearningRecorded", entry.at(), entry.author(), Map.of("learningId", entry.id(),
                    "kind", entry.kind(), "summary", LearningFeed.RETRACTED), null));
            if (entry.retractedAt() != null) {
                unfolded.add(new Moment("LearningRetracted", entry.retractedAt(), entry.author(),
                        Map.of("learningId", entry.id(), "kind", entry.kind()), null));
            }
        });
        unfolded.sort(Comparator.comparing(moment -> Instant.parse(moment.at())));
        String status = "PROPOSED";
        int adaptations = 0;
        Map<String, Long> learning = new LinkedHashMap<>();
        for (LearningKind kind : LearningKind.values()) {
            learning.put(kind.name(), 0L);
        }
        String outcome = null;
        String ending = null;
        // As proposed: what its first sharing widened, or, never shared, what it is now.
        String visibility = unfolded.stream().filter(moment -> moment.type().equals("ExperimentAmplified"))
                .map(moment -> moment.detail().get("widenedFrom")).filter(java.util.Objects::nonNull).findFirst()
                .orElse(timeline.visibility());
        List<Moment> moments = new ArrayList<>();
        for (Moment moment : unfolded) {
            switch (moment.type()) {
                case "ExperimentStarted" -> status = "RUNNING";
                case "ExperimentAdapted" -> adaptations++;
                case "ExperimentConcluded" -> {
                    status = "CONCLUDED";
                    outcome = timeline.outcome();
                    // Said at the conclusion (a timeline built before conclusions kept it in their step: as now).
                    ending = moment.detail().containsKey("ending") ? moment.detail().get("ending") : timeline.ending();
                }
                case "ExperimentEndingRecorded" -> ending = moment.detail().get("ending");
                case "ExperimentAmplified" -> visibility = moment.detail().get("visibility");
                case "LearningRecorded" -> learning.merge(moment.detail().get("kind"), 1L, Long::sum);
                case "LearningRetracted" -> learning.merge(moment.detail().get("kind"), -1L, Long::sum);
                default -> { }
            }
            moments.add(new Moment(moment.type(), moment.at(), moment.by(), moment.detail(),
                    new State(status, adaptations,
                    Collections.unmodifiableMap(new LinkedHashMap<>(learning)), outcome, ending, visibility)));
        }
        return new ExperimentHistory(timeline.experimentId(), timeline.title(), moments);
    }
}
