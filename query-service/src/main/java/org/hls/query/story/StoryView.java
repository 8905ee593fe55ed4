package org.hls.query.story;

import java.util.List;

import org.hls.events.Visibility;

/**
 * A story as a reader within its consent sees it.
 *
 * @param purposes what the teller consented it may be used for
 */
public record StoryView(String storyId,
                        String text,
                        String tellerName,
                        Visibility visibility,
                        List<String> purposes,
                        String at) {
}
