package org.hls.command.cohort;

/**
 * What other features may ask about a cohort when they decide.
 */
public interface Cohorts {

    /** Refuses, with the reason, unless the cohort exists and {@code personId} is enrolled in it. */
    void requireEnrolled(String cohortId, String personId);
}
