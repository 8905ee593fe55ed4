package org.hls.command.story;

import java.util.Set;

import jakarta.validation.constraints.NotNull;
import org.hls.events.Visibility;
import org.hls.events.story.StoryPurpose;

/**
 * @param visibility who may read the story from now on: the same or narrower
 * @param purposes   what it may be used for from now on: the same or fewer (none withdraws every use)
 */
public record NarrowStoryConsentRequest(@NotNull Visibility visibility,
                                        @NotNull Set<@NotNull StoryPurpose> purposes) {
}
