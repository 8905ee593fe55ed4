package org.hls.events.learning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * The author took their learning back: from now on it is in no view and no count; history keeps both events.
 */
@SchemaVersion(1)
public record LearningRetracted(String learningId,
                                @PersonalData String reason,
                                Actor actor,
                                Instant occurredAt) implements DomainEvent {
}
