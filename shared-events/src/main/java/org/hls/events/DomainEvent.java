package org.hls.events;

import java.time.Instant;

/**
 * Something that happened in the learning system. Every event says who caused it and when, as decided at the edge of
 * the system, never read from a clock by the domain.
 */
public interface DomainEvent {

    Actor actor();

    Instant occurredAt();
}
