package org.hls.events.experiment;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Visibility;

/**
 * Permission was asked to try something out, with its ending planned from the start.
 */
@SchemaVersion(1)
public record ExperimentProposed(String experimentId,
                                 String title,
                                 @PersonalData String hypothesis,
                                 List<String> themes,
                                 @PersonalData String plannedEnding,
                                 Visibility visibility,
                                 Actor actor,
                                 Instant occurredAt) implements DomainEvent {

    public ExperimentProposed {
        themes = List.copyOf(themes);
    }
}
