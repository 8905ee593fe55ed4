package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A member brought a real, current problem to the session.
 */
@SchemaVersion(1)
public record ProblemPresented(String setId,
                               int sessionNumber,
                               String presenter,
                               @PersonalData String problem,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent, SaidInASet {
}
