package org.hls.query.experiment;

import java.time.Instant;

/**
 * An experiment as a list offers it to choose from: the caller's own, or their team's.
 *
 * @param status   {@code PROPOSED}, {@code RUNNING} or {@code CONCLUDED}
 * @param proposer who proposed it, by name
 */
public record ListedExperiment(String experimentId, String title, String status, String proposer,
                               Instant proposedAt) {
}
