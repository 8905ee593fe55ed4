package org.hls.events.experiment;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A running experiment changed what it tries, and said why.
 */
@SchemaVersion(1)
public record ExperimentAdapted(String experimentId,
                                @PersonalData String change,
                                @PersonalData String reason,
                                Actor actor,
                                Instant occurredAt) implements DomainEvent {
}
