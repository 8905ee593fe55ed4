package org.hls.events.learning;

/**
 * What kind of learning an entry records. Disappointments weigh as much as breakthroughs.
 */
public enum LearningKind {
    BREAKTHROUGH,
    DISAPPOINTMENT,
    REFLECTION
}
