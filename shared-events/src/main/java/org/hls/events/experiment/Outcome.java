package org.hls.events.experiment;

/**
 * The decision an experiment ends with.
 */
public enum Outcome {
    AMPLIFY,
    ADAPT,
    STOP
}
