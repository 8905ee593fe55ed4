package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * The facilitator ended the set: it meets no more, and takes no one in. What was said in it stays with those who read
 * it, and the actions committed in it stay as their last update left them.
 */
@SchemaVersion(1)
public record ActionLearningSetEnded(String setId,
                                     Actor actor,
                                     Instant occurredAt) implements DomainEvent {
}
