package org.hls.events.cohort;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * Someone left a peer-learning cohort; the actor is the person who left. From then they read its learning no more
 * and record none in it; what they recorded stays theirs.
 */
@SchemaVersion(1)
public record CohortMemberLeft(String cohortId,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent {
}
