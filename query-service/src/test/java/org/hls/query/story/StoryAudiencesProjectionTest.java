package org.hls.query.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoryAudiencesProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor TELLER = actor("tess", "org-a", "team-1");

    private StoryAudiencesProjection projection;

    @BeforeEach
    void setUp() {
        projection = new StoryAudiencesProjection(ViewCollections.of(database));
    }

    @Test
    void eachAudienceOffersItsLatestStoriesOnlyAndOnlyToThoseInIt() {
        // Found by review: every story ever told to the whole system was read to offer the latest 50.
        List<ProjectedEvent> told = new ArrayList<>();
        for (int story = 0; story < StoryAudiencesProjection.LATEST + 20; story++) {
            told.add(event("s" + story, 0, new StoryRecorded("s" + story, "Told " + story, Visibility.SYSTEM,
                    List.of(StoryPurpose.LEARNING), TELLER, AT)));
        }
        told.add(event("team", 0, new StoryRecorded("team", "For the team", Visibility.TEAM,
                List.of(StoryPurpose.LEARNING), TELLER, AT)));
        projection.apply(told);
        projection.apply(told.subList(0, 3)); // delivered again

        List<String> offered = projection.toldTo(actor("cole", "org-a", "team-1"));
        assertThat(offered).hasSize(StoryAudiencesProjection.LATEST + 1).doesNotHaveDuplicates()
                .contains("s" + (StoryAudiencesProjection.LATEST + 19), "team").doesNotContain("s0", "s19");
        assertThat(projection.toldTo(actor("omar", "org-b", "team-1"))).doesNotContain("team");
    }
}
