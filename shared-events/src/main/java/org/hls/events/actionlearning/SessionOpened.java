package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * A set's next session opened; the previous presenter's updates come first.
 */
@SchemaVersion(1)
public record SessionOpened(String setId,
                            int sessionNumber,
                            Actor actor,
                            Instant occurredAt) implements DomainEvent {
}
