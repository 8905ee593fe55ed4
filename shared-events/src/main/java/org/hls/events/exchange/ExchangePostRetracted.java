package org.hls.events.exchange;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * Its author took a post back from the learning exchange (learnt it already, no longer offering, or worded it as they
 * would not now): from now on it matches nobody; history keeps both events.
 */
@SchemaVersion(1)
public record ExchangePostRetracted(String postId,
                                    Actor actor,
                                    Instant occurredAt) implements DomainEvent {
}
