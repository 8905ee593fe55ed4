package org.hls.query.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.query.experiment.ExperimentHistory.Moment;
import org.hls.query.experiment.ExperimentHistory.State;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.story.StoryProjection;
import org.hls.query.support.ProjectionTest;
import org.hls.query.projection.ViewCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentHistoryTest extends ProjectionTest {

    private static final Actor ALICE = actor("alice", "org-a", "team-1");
    private static final Actor OMAR = actor("omar", "org-b", "team-1");

    private ExperimentTimelineProjection projection;
    private LearningFeedProjection learning;

    @BeforeEach
    void setUp() {
        ConsentProjection consent = new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database));
        learning = new LearningFeedProjection(ViewCollections.of(database), consent);
        projection = new ExperimentTimelineProjection(ViewCollections.of(database), learning,
                new StoryProjection(ViewCollections.of(database), consent),
                consent);
        List<ProjectedEvent> events = List.of(
                event("exp", 0, new ExperimentProposed("exp", "Open drop-in", "Drop-in helps", List.of("housing"),
                        "Key workers stay", null, null, Visibility.SYSTEM, ALICE, day(1))),
                event("exp", 1, new ExperimentStarted("exp", ALICE, day(2))),
                event("worse", 0, learning("worse", LearningKind.DISAPPOINTMENT, Visibility.SYSTEM, day(3))),
                event("exp", 2, new ExperimentAdapted("exp", "Evenings too", "Day jobs", null, ALICE, day(4))),
                event("better", 0, learning("better", LearningKind.BREAKTHROUGH, Visibility.TEAM, day(5))),
                event("exp", 3, new ExperimentConcluded("exp", Outcome.ADAPT, "Evenings work", Ending.CHANGED,
                        "Moved to the evening team", ALICE, day(6))));
        learning.apply(events);
        projection.apply(events);
    }

    @Test
    void eachEventInOrderWithWhatTheExperimentLookedLikeAfterIt() {
        List<Moment> moments = projection.history("exp", reader(ALICE)).orElseThrow().moments();

        assertThat(moments).extracting(Moment::type).containsExactly("ExperimentProposed", "ExperimentStarted",
                "LearningRecorded", "ExperimentAdapted", "LearningRecorded", "ExperimentConcluded");
        assertThat(moments.get(0).after()).isEqualTo(new State("PROPOSED", 0, counts(0, 0, 0), null, null,
                "SYSTEM"));
        assertThat(moments.get(2).after()).isEqualTo(new State("RUNNING", 0, counts(0, 1, 0), null, null,
                "SYSTEM"));
        assertThat(moments.get(3).after().adaptations()).isEqualTo(1);
        assertThat(moments.get(5).after()).isEqualTo(new State("CONCLUDED", 1, counts(1, 1, 0), "ADAPT", "CHANGED",
                "SYSTEM"));
        assertThat(moments.get(3).detail()).containsEntry("change", "Evenings too").containsEntry("reason", "Day jobs");
        // Found in review: every moment repeated each change made so far, so an experiment of many changes and much
        // learning answered its history in hundreds of megabytes; each change is said once, in its own moment.
        assertThat(moments.toString().split("Evenings too", -1)).hasSize(2);
    }

    @Test
    void anEndingSaidAfterTheConclusionIsAMomentOfItsOwnAndTheConclusionKeepsWhatItSaid() {
        List<ProjectedEvent> events = List.of(
                event("later", 0, new ExperimentProposed("later", "Key worker", "Helps", List.of(), "Hand over",
                        null, null, Visibility.SYSTEM, ALICE, day(1))),
                event("later", 1, new ExperimentStarted("later", ALICE, day(2))),
                event("later", 2, new ExperimentConcluded("later", Outcome.STOP, "Too few", Ending.NOT_YET, null,
                        ALICE, day(3))),
                event("later", 3, new ExperimentEndingRecorded("later", Ending.AS_PLANNED, "Everyone handed over",
                        ALICE, day(9))));
        projection.apply(events);
        projection.apply(events);

        ExperimentTimeline timeline = projection.timeline("later", reader(OMAR)).orElseThrow();
        List<Moment> moments = ExperimentHistory.of(timeline, List.of()).moments();

        assertThat(timeline.ending()).isEqualTo("AS_PLANNED");
        assertThat(moments).extracting(Moment::type).endsWith("ExperimentConcluded", "ExperimentEndingRecorded");
        assertThat(moments.get(2).after().ending()).isEqualTo("NOT_YET");
        assertThat(moments.get(3).after().ending()).isEqualTo("AS_PLANNED");
        assertThat(moments.get(3).detail()).containsEntry("endingNote", "Everyone handed over");
    }

    @Test
    void eachMomentSaysWhoCouldReadTheExperimentThen() {
        projection.apply(List.of(event("ours", 0, new ExperimentProposed("ours", "Ours", "h", List.of(), "p", null,
                        null, Visibility.TEAM, ALICE, day(1))),
                event("ours", 1, new ExperimentAmplified("ours", Visibility.ORGANISATION, Visibility.TEAM, ALICE,
                        day(2))),
                event("ours", 2, new ExperimentAmplified("ours", Visibility.SYSTEM, Visibility.ORGANISATION, ALICE,
                        day(3)))));

        List<Moment> moments = projection.history("ours", reader(OMAR)).orElseThrow().moments();

        assertThat(moments).extracting(moment -> moment.after().visibility())
                .containsExactly("TEAM", "ORGANISATION", "SYSTEM");
        assertThat(moments.get(1).detail()).containsEntry("visibility", "ORGANISATION")
                .containsEntry("widenedFrom", "TEAM");
    }

    /** "The history of how understanding changed is the point": the words as said then, and each time said anew. */
    @Test
    void learningSaidAnewIsAMomentOfItsOwnAndTheRecordingKeepsWhatItSaidThen() {
        learning.apply(List.of(event("worse", 1, new LearningCorrected("worse", "Only the evening was quiet", null,
                "Days were busy", ALICE, day(7)))));

        List<Moment> moments = projection.history("exp", reader(OMAR)).orElseThrow().moments();

        assertThat(moments).extracting(Moment::type).containsExactly("ExperimentProposed", "ExperimentStarted",
                "LearningRecorded", "ExperimentAdapted", "ExperimentConcluded", "LearningCorrected");
        assertThat(moments.get(2).detail().get("summary")).isEqualTo("About worse");
        assertThat(moments.get(5).detail()).containsEntry("summary", "Only the evening was quiet")
                .containsEntry("reason", "Days were busy").containsEntry("kind", "DISAPPOINTMENT");
        assertThat(moments.get(5).after().learning()).as("said anew, not once more").isEqualTo(counts(0, 1, 0));
    }

    @Test
    void learningTheReaderMayNotReadIsNotPartOfTheirHistory() {
        List<Moment> moments = projection.history("exp", reader(OMAR)).orElseThrow().moments();

        assertThat(moments).extracting(Moment::type).containsOnlyOnce("LearningRecorded");
        assertThat(moments.get(moments.size() - 1).after().learning()).isEqualTo(counts(0, 1, 0));
    }

    /**
     * Found by the walk-through of an experiment's life: a disappointment taken back vanished from every earlier moment
     * (the experiment had never met it), though a retraction is a new event and the history of understanding the point.
     */
    @Test
    void learningTakenBackIsAMomentOfItsOwnAndWhatCameBeforeItStaysAsItWas() {
        List<ProjectedEvent> events = List.of(event("worse", 1, new LearningRetracted("worse", "Recorded too soon",
                ALICE, day(7))));
        learning.apply(events);
        projection.apply(events);

        List<Moment> moments = projection.history("exp", reader(ALICE)).orElseThrow().moments();

        assertThat(moments).extracting(Moment::type).containsExactly("ExperimentProposed", "ExperimentStarted",
                "LearningRecorded", "ExperimentAdapted", "LearningRecorded", "ExperimentConcluded",
                "LearningRetracted");
        assertThat(moments.get(2).detail()).containsEntry("learningId", "worse")
                .containsEntry("summary", "[retracted]");
        assertThat(moments.get(2).after().learning()).isEqualTo(counts(0, 1, 0));
        assertThat(moments.get(5).after().learning()).isEqualTo(counts(1, 1, 0));
        assertThat(moments.get(6).at()).isEqualTo(day(7).toString());
        assertThat(moments.get(6).after().learning()).isEqualTo(counts(1, 0, 0));
        assertThat(moments).extracting(Moment::detail).noneMatch(detail -> "About worse".equals(detail.get("summary")));
    }

    private static Map<String, Long> counts(long breakthroughs, long disappointments, long reflections) {
        return Map.of("BREAKTHROUGH", breakthroughs, "DISAPPOINTMENT", disappointments, "REFLECTION", reflections);
    }

    private static Instant day(int day) {
        return Instant.parse("2026-03-0" + day + "T10:00:00Z");
    }

    private static LearningRecorded learning(String id, LearningKind kind, Visibility visibility, Instant at) {
        return new LearningRecorded(id, kind, "About " + id, null, List.of("housing"), Perspective.PRACTITIONER,
                visibility, "exp", null, null, ALICE, at);
    }
}
