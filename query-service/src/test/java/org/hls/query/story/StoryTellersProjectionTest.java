package org.hls.query.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.hls.events.Visibility;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;
import org.hls.query.projection.ViewCollections;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.Test;

class StoryTellersProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void eachTellerHasTheStoriesTheyToldOnceEvenWhenDeliveredAgain() {
        StoryTellersProjection projection = new StoryTellersProjection(ViewCollections.of(database));
        var first = event("s1", 0, story("s1", "tomos"));
        var second = event("s2", 0, story("s2", "tomos"));
        var other = event("s3", 0, story("s3", "gwen"));

        projection.apply(List.of(first, second, other));
        projection.apply(List.of(first, second));

        assertThat(projection.toldBy("tomos")).containsExactly("s1", "s2");
        assertThat(projection.toldBy("gwen")).containsExactly("s3");
        assertThat(projection.toldBy("nobody")).isEmpty();
    }

    private static StoryRecorded story(String storyId, String teller) {
        return new StoryRecorded(storyId, "A story", Visibility.TEAM, List.of(StoryPurpose.LEARNING),
                actor(teller, "org-a", "team-1"), AT);
    }
}
