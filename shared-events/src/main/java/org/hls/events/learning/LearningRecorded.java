package org.hls.events.learning;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Theme;
import org.hls.events.Visibility;

/**
 * Someone recorded a breakthrough, a disappointment or a reflection, on its own or within an experiment.
 *
 * @param detail       optional longer text, or {@code null}
 * @param experimentId the experiment it belongs to, or {@code null} when it stands alone
 * @param storyId      the story it refers to instead of retelling it, or {@code null} (absent before version 2)
 * @param cohortId     the peer-learning cohort it was recorded in, or {@code null} (absent before version 2)
 */
@SchemaVersion(2)
public record LearningRecorded(String learningId,
                               LearningKind kind,
                               @PersonalData String summary,
                               @PersonalData String detail,
                               List<String> themes,
                               Perspective perspective,
                               Visibility visibility,
                               String experimentId,
                               String storyId,
                               String cohortId,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent {

    public LearningRecorded {
        themes = Theme.asCarried(themes);
    }
}
