package org.hls.query.cohort;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.hls.query.learning.LearningFeed;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.security.Reader;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cohorts")
class CohortController {

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

    /** The learning recorded in a cohort, newest first: for its members and the one who formed it. */
    @Operation(summary = "A cohort's learning (its members and the facilitator who formed it)")
    @GetMapping("/{cohortId}/learning")
    List<LearningFeed.Item> learning(@PathVariable String cohortId, Reader reader) {
        CohortSummary cohort = cohorts.cohort(cohortId, reader.personId()).orElseThrow(() ->
                new Refusal(HttpStatus.NOT_FOUND, "refused.cohort.unknown"));
        if (!cohort.isOpenTo(reader.personId())) {
            throw new Refusal(HttpStatus.FORBIDDEN, "refused.cohort.members-only");
        }
        return feed.entries(cohorts.learningIn(cohortId), reader);
    }
}
