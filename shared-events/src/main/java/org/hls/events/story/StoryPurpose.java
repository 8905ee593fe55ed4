package org.hls.events.story;

/**
 * What a story may be used for, as its teller consented.
 */
public enum StoryPurpose {
    /** Learning within the services it was told to. */
    LEARNING,
    /** Designing or commissioning services. */
    SERVICE_DESIGN,
    /** Research and evaluation. */
    RESEARCH,
    /** Public reports and communications. */
    PUBLIC_REPORTING
}
