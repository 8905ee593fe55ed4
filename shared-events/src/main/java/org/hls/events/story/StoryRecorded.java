package org.hls.events.story;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Visibility;

/**
 * A person told their story once, with consent saying who may read it and for what.
 */
@SchemaVersion(1)
public record StoryRecorded(String storyId,
                            @PersonalData String text,
                            Visibility visibility,
                            List<StoryPurpose> purposes,
                            Actor actor,
                            Instant occurredAt) implements DomainEvent {

    public StoryRecorded {
        purposes = List.copyOf(purposes);
    }
}
