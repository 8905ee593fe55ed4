package org.hls.query.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.events.story.StoryConsentNarrowed;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.support.ProjectionTest;
import org.hls.query.projection.ViewCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoryProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor TELLER = actor("tess", "org-a", "team-1");
    private static final Actor COLLEAGUE = actor("cole", "org-a", "team-2");
    private static final Actor OUTSIDER = actor("omar", "org-b", "team-1");

    private ConsentProjection consent;
    private StoryProjection projection;

    @BeforeEach
    void setUp() {
        consent = new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database));
        projection = new StoryProjection(ViewCollections.of(database), consent);
        projection.apply(List.of(event("story", 0, new StoryRecorded("story", "Moved four times in a year",
                Visibility.ORGANISATION, List.of(StoryPurpose.LEARNING), TELLER, AT))));
    }

    @Test
    void isReadWithinItsConsent() {
        assertThat(projection.story("story", reader(COLLEAGUE))).hasValueSatisfying(story ->
                assertThat(story.text()).isEqualTo("Moved four times in a year"));
        assertThat(projection.story("story", reader(OUTSIDER))).isEmpty();
    }

    @Test
    void anAnalystReadsAStoryOnlyWhileItsConsentCoversResearch() {
        // Found by the walk-through as a person with lived experience: unticking "Research and evaluation" changed
        // nothing, an analyst read the story all the same.
        Actor analyst = actor("ana", "org-a", "analysis");
        assertThat(projection.story("story", reader(analyst, "ANALYST"))).isEmpty();

        projection.apply(List.of(event("told", 0, new StoryRecorded("told", "Waited nine weeks",
                Visibility.ORGANISATION, List.of(StoryPurpose.LEARNING, StoryPurpose.RESEARCH), TELLER, AT))));

        assertThat(projection.story("told", reader(analyst, "ANALYST"))).isPresent();
        assertThat(projection.story("story", reader(COLLEAGUE, "PRACTITIONER"))).isPresent();
        assertThat(projection.story("story", reader(COLLEAGUE, "PRACTITIONER", "ANALYST")))
                .as("one who works in the services too").isPresent();
    }

    @Test
    void narrowedConsentAppliesAtOnce() {
        projection.apply(List.of(event("story", 1, new StoryConsentNarrowed("story", Visibility.PRIVATE, List.of(),
                TELLER, AT))));

        assertThat(projection.story("story", reader(COLLEAGUE))).isEmpty();
        assertThat(projection.story("story", reader(TELLER))).isPresent();
    }

    @Test
    void consentThatNoLongerCoversLearningLeavesItToItsTeller() {
        projection.apply(List.of(event("story", 1, new StoryConsentNarrowed("story", Visibility.ORGANISATION,
                List.of(StoryPurpose.RESEARCH), TELLER, AT))));

        assertThat(projection.story("story", reader(COLLEAGUE))).isEmpty();
        assertThat(projection.story("story", reader(TELLER))).isPresent();
    }

    @Test
    void aRecordingDeliveredAgainDoesNotUndoANarrowing() {
        var recorded = event("story", 0, new StoryRecorded("story", "Moved four times in a year",
                Visibility.ORGANISATION, List.of(StoryPurpose.LEARNING), TELLER, AT));
        projection.apply(List.of(event("story", 1, new StoryConsentNarrowed("story", Visibility.PRIVATE, List.of(),
                TELLER, AT))));

        projection.apply(List.of(recorded));

        assertThat(projection.story("story", reader(COLLEAGUE))).isEmpty();
    }

    @Test
    void readsWithdrawnOnceItsTellerWithdrewConsent() {
        consent.apply(List.of(event("tess", 0, new ConsentWithdrawn("tess", null, TELLER, AT))));

        assertThat(projection.story("story", reader(COLLEAGUE))).hasValueSatisfying(story -> {
            assertThat(story.text()).isEqualTo("[withdrawn]");
            assertThat(story.tellerName()).isEqualTo("[withdrawn]");
        });
    }
}
