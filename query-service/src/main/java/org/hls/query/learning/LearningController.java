package org.hls.query.learning;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hls.events.learning.LearningKind;
import org.hls.query.history.TimeRange;
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
    private final MyLearningProjection mine;
    private final Clock clock;

    LearningController(LearningFeedProjection feed, MyLearningProjection mine, Clock clock) {
        this.feed = feed;
        this.mine = mine;
        this.clock = clock;
    }

    /**
     * The learning the caller may read, newest first, a page at a time: the answer's {@code next} is the
     * {@code before} of the following page. Its place, organisation, team, theme and time are checked as every other
     * read's are (length, control characters, years 1 to 9999, from not after to), and a day stands for the whole of it.
     */
    @Operation(summary = "The learning feed the caller may read, newest first")
    @GetMapping
    LearningFeed feed(@RequestParam(required = false) LearningKind kind,
                      @RequestParam(required = false) String place,
                      @RequestParam(required = false) String organisation,
                      @RequestParam(required = false) String team,
                      @RequestParam(required = false) String theme,
                      @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to,
                      @RequestParam(required = false) Long before,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                      @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                      Reader reader) {
        Filters.refuseOthers(parameters,
                List.of("kind", "place", "organisation", "team", "theme", "from", "to", "before", "size"));
        Map<String, String> asked = new HashMap<>(); // absent ones null, as Filters takes them
        asked.put("place", place);
        asked.put("organisation", organisation);
        asked.put("team", team);
        asked.put("theme", theme);
        asked.put("from", from);
        asked.put("to", to);
        Filters filters = Filters.of(asked, clock);
        TimeRange range = filters.range();
        // The range's end is its last instant; the feed's, the first it leaves out.
        FeedFilter filter = new FeedFilter(kind == null ? null : kind.name(), filters.theme(), range.from(),
                range.to() == null ? null : range.to().plusMillis(1), filters.place(), filters.organisation(),
                filters.team());
        return feed.feed(reader, filter, before, size);
    }

    /**
     * The learning the caller recorded under their name and has not taken back, whatever its audience, newest first,
     * a page at a time as the feed is: to share an entry more widely or take it back from any device. Learning shared
     * without a name is not among it: nothing on the services leads from it to its author.
     */
    @Operation(summary = "The learning I recorded, newest first")
    @GetMapping("/mine")
    LearningFeed mine(@RequestParam(required = false) Long before,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                      @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                      Reader reader) {
        Filters.refuseOthers(parameters, List.of("before", "size"));
        return mine.mine(reader, before, size);
    }
}
