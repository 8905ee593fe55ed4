package org.hls.query.experiment;

import java.time.Instant;

/**
 * One of the caller's own experiments, as a list offers it to choose from.
 *
 * @param status {@code PROPOSED}, {@code RUNNING} or {@code CONCLUDED}
 */
public record MyExperiment(String experimentId, String title, String status, Instant proposedAt) {
}
