package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * Someone else ({@code facilitator}) facilitates an action learning set from now on; the facilitator before
 * ({@code previousFacilitator}) leaves it, and a member who takes it up is a member no longer. The one before stays on
 * as a member: a {@link MemberJoined} of theirs follows at once (in sets handed over before it did, they stayed out).
 */
@SchemaVersion(1)
public record FacilitationHandedOver(String setId,
                                     String facilitator,
                                     String previousFacilitator,
                                     Actor actor,
                                     Instant occurredAt) implements DomainEvent {
}
