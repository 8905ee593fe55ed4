package org.hls.command.story;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.Visibility;
import org.hls.events.story.StoryPurpose;

/**
 * @param visibility who may read the story
 * @param purposes   what it may be used for
 */
public record RecordStoryRequest(@NotBlank @Size(max = 20000) @CleanText(multiline = true) String text,
                                 @NotNull Visibility visibility,
                                 @NotEmpty Set<@NotNull StoryPurpose> purposes) {
}
