package org.hls.events.cohort;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * Someone left a peer-learning cohort; the actor is the person who left. From then its feed is not open to them and
 * they record no learning in it; each entry stays readable wherever its own visibility allows, and what they recorded
 * in it stays in its feed for its members.
 */
@SchemaVersion(1)
public record CohortMemberLeft(String cohortId,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent {
}
