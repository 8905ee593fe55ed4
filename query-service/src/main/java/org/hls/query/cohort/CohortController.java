package org.hls.query.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hls.query.learning.LearningFeed;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.security.Reader;
import org.hls.query.web.Filters;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cohorts")
class CohortController {

    /** How many of a cohort's entries one read of the feed asks for, by exact key. */
    private static final int READ_AT_ONCE = 100;

    private final CohortProjection cohorts;
    private final LearningFeedProjection feed;

    CohortController(CohortProjection cohorts, LearningFeedProjection feed) {
        this.cohorts = cohorts;
        this.feed = feed;
    }

    /** Every peer-learning cohort, to join one; each says whether the caller is in it. */
    @Operation(summary = "Peer-learning cohorts")
    @GetMapping
    List<CohortSummary> cohorts(Reader reader) {
        return cohorts.cohorts(reader.personId());
    }

    /**
     * The learning recorded in a cohort, newest first, {@code size} at a time with a {@code Link} to the next page when
     * there is one: for its members and the one who formed it.
     */
    @Operation(summary = "A cohort's learning (its members and the facilitator who formed it)")
    @GetMapping("/{cohortId}/learning")
    ResponseEntity<List<LearningFeed.Item>> learning(@PathVariable String cohortId,
                                                     @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                                     @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size,
                                                     @Parameter(hidden = true) @RequestParam Map<String, String>
                                                             parameters,
                                                     Reader reader) {
        Filters.refuseOthers(parameters, List.of("page", "size"));
        CohortSummary cohort = cohorts.cohort(cohortId, reader.personId()).orElseThrow(() ->
                new Refusal(HttpStatus.NOT_FOUND, "refused.cohort.unknown"));
        if (!cohort.isOpenToItsReader()) {
            throw new Refusal(HttpStatus.FORBIDDEN, "refused.cohort.members-only");
        }
        List<String> newestFirst = cohorts.newestLearningIn(cohortId);
        // Pages hold what the reader may read: an entry retracted, or kept to another team, takes no place in one.
        int skipped = page * size;
        List<LearningFeed.Item> readable = new ArrayList<>();
        for (int from = 0; from < newestFirst.size() && readable.size() <= skipped + size; from += READ_AT_ONCE) {
            readable.addAll(feed.entries(newestFirst.subList(from, Math.min(newestFirst.size(), from + READ_AT_ONCE)),
                    reader));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (readable.size() > skipped + size) {
            answer.header(HttpHeaders.LINK, "</api/cohorts/" + cohortId + "/learning?page=" + (page + 1) + "&size="
                    + size + ">; rel=\"next\"");
        }
        return answer.body(List.copyOf(readable.subList(Math.min(skipped, readable.size()),
                Math.min(skipped + size, readable.size()))));
    }
}
