package org.hls.command.learning;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LearningEntryTest {

    private static final String LEARNING_ID = "learning-1";
    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    private FixtureConfiguration<LearningEntry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LearningEntry.class);
    }

    @Test
    void recordingLearningKeepsItsThemesTrimmedLowerCasedAndUnique() {
        fixture.givenNoPriorActivity()
                .when(new RecordLearning(LEARNING_ID, LearningKind.DISAPPOINTMENT, "Nobody came", null,
                        List.of("Family Support", " family support", "Housing "), Perspective.LIVED_EXPERIENCE,
                        Visibility.SYSTEM, null, ALICE, AT))
                .expectEvents(new LearningRecorded(LEARNING_ID, LearningKind.DISAPPOINTMENT, "Nobody came", null,
                        List.of("family support", "housing"), Perspective.LIVED_EXPERIENCE, Visibility.SYSTEM, null,
                        ALICE, AT));
    }
}
