package org.hls.events.cohort;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Theme;

/**
 * A facilitator formed a peer-learning cohort. Its name is its former's words: sealed with their key (since version
 * 2), unreadable once they withdraw consent.
 */
@SchemaVersion(2)
public record CohortFormed(String cohortId,
                           @PersonalData String name,
                           List<String> themes,
                           Actor actor,
                           Instant occurredAt) implements DomainEvent {

    public CohortFormed {
        themes = Theme.asCarried(themes);
    }
}
