package org.hls.events.learning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;
import org.hls.events.Visibility;

/**
 * Learning was shared more widely on purpose: its visibility only ever widens.
 */
@SchemaVersion(1)
public record LearningAmplified(String learningId,
                                Visibility visibility,
                                Actor actor,
                                Instant occurredAt) implements DomainEvent {
}
