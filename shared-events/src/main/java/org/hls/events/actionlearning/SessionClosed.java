package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * The facilitator closed the session: it accepts nothing more.
 */
@SchemaVersion(1)
public record SessionClosed(String setId,
                            int sessionNumber,
                            Actor actor,
                            Instant occurredAt) implements DomainEvent {
}
