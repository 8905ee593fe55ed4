package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * The previous presenter said how far one action they committed to got.
 */
@SchemaVersion(1)
public record ActionUpdated(String setId,
                            int sessionNumber,
                            String actionId,
                            ActionStatus status,
                            @PersonalData String note,
                            Actor actor,
                            Instant occurredAt) implements DomainEvent, SaidInASet {
}
