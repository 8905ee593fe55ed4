package org.hls.events.learning;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Visibility;

/**
 * Someone recorded a breakthrough, a disappointment or a reflection, on its own or within an experiment.
 *
 * @param experimentId the experiment it belongs to, or {@code null} when it stands alone
 * @param detail       optional longer text, or {@code null}
 */
@SchemaVersion(1)
public record LearningRecorded(String learningId,
                               LearningKind kind,
                               @PersonalData String summary,
                               @PersonalData String detail,
                               List<String> themes,
                               Perspective perspective,
                               Visibility visibility,
                               String experimentId,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent {

    public LearningRecorded {
        themes = List.copyOf(themes);
    }
}
