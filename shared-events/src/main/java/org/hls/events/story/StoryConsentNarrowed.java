package org.hls.events.story;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;
import org.hls.events.Visibility;

/**
 * The story's author narrowed who may read it or for what; it applies at once everywhere it is referred to.
 */
@SchemaVersion(1)
public record StoryConsentNarrowed(String storyId,
                                   Visibility visibility,
                                   List<StoryPurpose> purposes,
                                   Actor actor,
                                   Instant occurredAt) implements DomainEvent {

    public StoryConsentNarrowed {
        purposes = List.copyOf(purposes);
    }
}
