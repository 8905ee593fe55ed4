package org.hls.query.learning;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hls.events.learning.LearningKind;
import org.hls.query.security.Reader;
import org.hls.query.web.Filters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/learning")
class LearningController {

    private final LearningFeedProjection feed;

    LearningController(LearningFeedProjection feed) {
        this.feed = feed;
    }

    /**
     * The learning the caller may read, newest first, a page at a time: the answer's {@code next} is the
     * {@code before} of the following page.
     */
    @Operation(summary = "The learning feed the caller may read, newest first")
    @GetMapping
    LearningFeed feed(@RequestParam(required = false) LearningKind kind,
                      @RequestParam(required = false) String theme,
                      @RequestParam(required = false) Instant from,
                      @RequestParam(required = false) Instant to,
                      @RequestParam(required = false) Long before,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                      Reader reader) {
        FeedFilter filter = new FeedFilter(kind == null ? null : kind.name(),
                theme == null || theme.isBlank() ? null : Filters.theme(theme), from, to);
        return feed.feed(reader, filter, before, size);
    }
}
