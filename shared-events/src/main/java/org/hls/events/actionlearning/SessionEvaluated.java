package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A member or the facilitator rated how well the session worked (1 to 5).
 */
@SchemaVersion(1)
public record SessionEvaluated(String setId,
                               int sessionNumber,
                               int score,
                               @PersonalData String comment,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent, SaidInASet {
}
