package org.hls.query.cohort;

import java.util.List;

/**
 * A page of a cohort's learning, newest first, as ids.
 *
 * @param hasNext whether older learning follows on the next page
 */
public record CohortLearningPage(List<String> learningIds, boolean hasNext) {
}
