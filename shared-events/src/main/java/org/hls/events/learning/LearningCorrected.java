package org.hls.events.learning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * The author said their learning anew: what it says from now on, and why. The words before stay in the history, as
 * how understanding changed; its kind, themes, perspective and who may read it stay as they were.
 *
 * @param detail optional longer text, or {@code null}
 */
@SchemaVersion(1)
public record LearningCorrected(String learningId,
                                @PersonalData String summary,
                                @PersonalData String detail,
                                @PersonalData String reason,
                                Actor actor,
                                Instant occurredAt) implements DomainEvent {
}
