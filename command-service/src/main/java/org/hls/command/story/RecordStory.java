package org.hls.command.story;

import java.time.Instant;
import java.util.Set;

import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.Visibility;
import org.hls.events.story.StoryPurpose;

public record RecordStory(String storyId,
                          @PersonalData String text,
                          Visibility visibility,
                          Set<StoryPurpose> purposes,
                          Caller caller,
                          Instant occurredAt) {
}
