package org.hls.events.cohort;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * The facilitator who formed a peer-learning cohort ended it, its course done: nobody enrols or records learning in
 * it from then, and its members go on reading what was recorded.
 */
@SchemaVersion(1)
public record CohortEnded(String cohortId,
                          Actor actor,
                          Instant occurredAt) implements DomainEvent {
}
