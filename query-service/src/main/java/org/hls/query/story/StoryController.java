package org.hls.query.story;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.hls.query.security.Reader;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/stories")
class StoryController {

    /** How many stories told by others are offered at once. */
    static final int SHARED = 50;

    private final StoryProjection projection;
    private final StoryTellersProjection tellers;
    private final StoryAudiencesProjection audiences;

    StoryController(StoryProjection projection, StoryTellersProjection tellers, StoryAudiencesProjection audiences) {
        this.projection = projection;
        this.tellers = tellers;
        this.audiences = audiences;
    }

    /** The stories the caller told, newest first, each with its consent as it is now. */
    @Operation(summary = "My stories")
    @GetMapping("/mine")
    List<StoryView> mine(Reader reader) {
        return projection.stories(tellers.toldBy(reader.personId()), reader).stream()
                .sorted(Comparator.comparing((StoryView story) -> Instant.parse(story.at())).reversed()).toList();
    }

    /**
     * The stories others told that the caller may read and refer to (their consent covers learning), newest first,
     * the latest {@value #SHARED}: referred to, nobody tells theirs again.
     */
    @Operation(summary = "Stories others told that I may refer to")
    @GetMapping("/shared")
    List<StoryView> shared(Reader reader) {
        return projection.sharedWith(reader, audiences.toldTo(reader.actor()), SHARED);
    }

    /** A story outside the reader's consent is, to them, a story that does not exist. */
    @Operation(summary = "Read a story, within its consent")
    @GetMapping("/{storyId}")
    StoryView story(@PathVariable String storyId, Reader reader) {
        return projection.story(storyId, reader).orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND,
                "refused.story.unknown"));
    }
}
