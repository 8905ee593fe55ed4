package org.hls.query.analytics;

import java.time.Clock;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.hls.query.history.LiveHistory;
import org.hls.query.security.Reader;
import org.hls.query.security.SmallNumbers;
import org.hls.query.web.FilterParameters;
import org.hls.query.web.Filters;
import org.hls.query.web.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How practice changed over the whole system, week by week or month by month, with the dashboards' filters and
 * {@code asOf}: numbers only, so everyone on the platform may read them, as they may the whole-system dashboard;
 * under small-number control unless narrowed to the reader's own team.
 */
@RestController
@RequestMapping("/api/analytics")
class PracticeChangeController {

    private final PracticeChanges practiceChanges;
    private final LiveHistory history;
    private final SmallNumbers smallNumbers;
    private final Clock clock;

    PracticeChangeController(PracticeChanges practiceChanges, LiveHistory history, SmallNumbers smallNumbers,
                             Clock clock) {
        this.practiceChanges = practiceChanges;
        this.history = history;
        this.smallNumbers = smallNumbers;
        this.clock = clock;
    }

    @FilterParameters
    @Parameter(name = "bucket", in = ParameterIn.QUERY, description = "week (the default) or month",
            schema = @Schema(type = "string", allowableValues = {"week", "month"}))
    @Operation(summary = "How practice changed, bucket by bucket")
    @GetMapping("/practice-change")
    PracticeChange practiceChange(@Parameter(hidden = true) @RequestParam Map<String, String> parameters, Reader reader) {
        String asked = parameters.get("bucket");
        Bucket bucket = asked == null || asked.isBlank() ? Bucket.WEEK : Bucket.named(asked.strip());
        if (bucket == null) {
            throw new InvalidParameter("bucket", "invalid.one-of-these", Bucket.valid());
        }
        Filters parsed = Filters.of(parameters, clock, "bucket");
        history.ready();
        return practiceChanges.practiceChange(parsed, bucket,
                smallNumbers.toShow(reader, parsed.organisation(), parsed.team()));
    }
}
