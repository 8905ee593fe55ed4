package org.hls.events.cohort;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * Someone enrolled in a peer-learning cohort; the actor is the person enrolled.
 */
@SchemaVersion(1)
public record CohortMemberEnrolled(String cohortId,
                                   Actor actor,
                                   Instant occurredAt) implements DomainEvent {
}
