package org.hls.events.experiment;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A started experiment ended with a decision and what was learnt.
 */
@SchemaVersion(1)
public record ExperimentConcluded(String experimentId,
                                  Outcome outcome,
                                  @PersonalData String summary,
                                  Actor actor,
                                  Instant occurredAt) implements DomainEvent {
}
