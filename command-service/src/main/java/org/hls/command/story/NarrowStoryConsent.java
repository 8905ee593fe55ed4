package org.hls.command.story;

import java.time.Instant;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.Visibility;
import org.hls.events.story.StoryPurpose;

public record NarrowStoryConsent(@TargetAggregateIdentifier String storyId,
                                 Visibility visibility,
                                 Set<StoryPurpose> purposes,
                                 Caller caller,
                                 Instant occurredAt) {
}
