package org.hls.query.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;
import org.hls.query.story.StoryProjection;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamExperimentsProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor ALICE = actor("alice", "org-a", "team-1");
    private static final Actor BOB = actor("bob", "org-a", "team-1");
    private static final Actor CAROL = actor("carol", "org-a", "team-2");

    private ExperimentTimelineProjection timelines;
    private TeamExperimentsProjection projection;

    @BeforeEach
    void setUp() {
        ConsentProjection consent = new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database));
        timelines = new ExperimentTimelineProjection(ViewCollections.of(database),
                new LearningFeedProjection(ViewCollections.of(database), consent),
                new StoryProjection(ViewCollections.of(database), consent), consent);
        projection = new TeamExperimentsProjection(ViewCollections.of(database), timelines, consent);
    }

    @Test
    void aTeamExperimentIsListedForTheTeamOnceAndAPrivateOneNowhere() {
        apply(List.of(event("ours", 0, proposed("ours", Visibility.TEAM)),
                event("mine", 0, proposed("mine", Visibility.PRIVATE))));
        apply(twice(event("ours", 1, new ExperimentAmplified("ours", Visibility.SYSTEM, Visibility.TEAM, ALICE,
                AT))));

        assertThat(listedFor(BOB)).containsExactly("ours");
        assertThat(listedFor(CAROL)).isEmpty();
    }

    /**
     * Found by review: a private experiment shared by a proposer who had moved team since was listed for their new
     * team, which its visibility does not admit, and never for the team it names.
     */
    @Test
    void aPrivateExperimentSharedLaterIsListedForTheTeamItWasProposedInOnce() {
        apply(List.of(event("hunch", 0, proposed("hunch", Visibility.PRIVATE))));
        assertThat(listedFor(BOB)).isEmpty();
        Actor aliceMoved = actor("alice", "org-a", "team-2");

        apply(twice(event("hunch", 1, new ExperimentAmplified("hunch", Visibility.TEAM, Visibility.PRIVATE,
                aliceMoved, AT))));
        apply(List.of(event("hunch", 2, new ExperimentAmplified("hunch", Visibility.SYSTEM, Visibility.TEAM,
                aliceMoved, AT))));

        assertThat(listedFor(BOB)).containsExactly("hunch");
        assertThat(listedFor(CAROL)).isEmpty();
    }

    @Test
    void aPrivateExperimentProposedAndSharedInOneBatchIsListed() {
        apply(List.of(event("quick", 0, proposed("quick", Visibility.PRIVATE)),
                event("quick", 1, new ExperimentAmplified("quick", Visibility.ORGANISATION, Visibility.PRIVATE,
                        ALICE, AT))));

        assertThat(listedFor(BOB)).containsExactly("quick");
    }

    private void apply(List<ProjectedEvent> events) {
        timelines.apply(events);
        projection.apply(events);
    }

    private List<String> listedFor(Actor reader) {
        List<String> ids = new ArrayList<>();
        projection.ofTeam(reader(reader), 0, 50).experiments().forEach(listed -> ids.add(listed.experimentId()));
        return ids;
    }

    private static ExperimentProposed proposed(String id, Visibility visibility) {
        return new ExperimentProposed(id, "Title of " + id, "h", List.of(), "p", null, null, visibility, ALICE, AT);
    }
}
