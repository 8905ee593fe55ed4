package org.hls.events.actionlearning;

import java.time.Instant;
import java.time.LocalDate;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * The presenter committed to an action before the next session.
 */
@SchemaVersion(1)
public record ActionCommitted(String setId,
                              int sessionNumber,
                              String actionId,
                              @PersonalData String text,
                              LocalDate dueBy,
                              Actor actor,
                              Instant occurredAt) implements DomainEvent, SaidInASet {
}
