package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * The presenter summed up something they now see.
 */
@SchemaVersion(1)
public record InsightRecorded(String setId,
                              int sessionNumber,
                              @PersonalData String text,
                              Actor actor,
                              Instant occurredAt) implements DomainEvent, SaidInASet {
}
