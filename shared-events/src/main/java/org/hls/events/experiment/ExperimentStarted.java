package org.hls.events.experiment;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * A proposed experiment began.
 */
@SchemaVersion(1)
public record ExperimentStarted(String experimentId,
                                Actor actor,
                                Instant occurredAt) implements DomainEvent {
}
