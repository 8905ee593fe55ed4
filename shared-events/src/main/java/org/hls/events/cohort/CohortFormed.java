package org.hls.events.cohort;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * A facilitator formed a peer-learning cohort.
 */
@SchemaVersion(1)
public record CohortFormed(String cohortId,
                           String name,
                           List<String> themes,
                           Actor actor,
                           Instant occurredAt) implements DomainEvent {

    public CohortFormed {
        themes = List.copyOf(themes);
    }
}
