package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * Who committed to an action (or the facilitator for them) said how far it got: at the next session, and again at a
 * later one while it was only partly done or not done.
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
