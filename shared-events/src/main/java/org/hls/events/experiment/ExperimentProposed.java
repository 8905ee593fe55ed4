package org.hls.events.experiment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Theme;
import org.hls.events.Visibility;

/**
 * Permission was asked to try something out, with its ending planned from the start.
 *
 * @param endsBy  the day it is planned to end by, or {@code null} when open-ended (absent before version 2)
 * @param title   personal from version 3 (stored sealed, like the hypothesis); in the clear before
 * @param storyId the story it refers to instead of retelling it, or {@code null} (absent before version 2)
 */
@SchemaVersion(3)
public record ExperimentProposed(String experimentId,
                                 @PersonalData String title,
                                 @PersonalData String hypothesis,
                                 List<String> themes,
                                 @PersonalData String plannedEnding,
                                 LocalDate endsBy,
                                 String storyId,
                                 Visibility visibility,
                                 Actor actor,
                                 Instant occurredAt) implements DomainEvent {

    public ExperimentProposed {
        themes = Theme.asCarried(themes);
    }
}
