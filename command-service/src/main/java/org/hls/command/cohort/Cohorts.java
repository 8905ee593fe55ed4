package org.hls.command.cohort;

import java.time.Instant;

/**
 * What other features may ask about a cohort when they decide.
 */
public interface Cohorts {

    /**
     * Refuses, with the reason, unless the cohort exists, {@code personId} is enrolled in it, and what they noted at
     * {@code notedAt} was noted before it ended.
     */
    void requireEnrolled(String cohortId, String personId, Instant notedAt);
}
