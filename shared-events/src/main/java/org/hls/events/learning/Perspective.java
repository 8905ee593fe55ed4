package org.hls.events.learning;

/**
 * Whose voice a learning entry carries.
 */
public enum Perspective {
    PRACTITIONER,
    LIVED_EXPERIENCE,
    COMMISSIONER,
    LEADER,
    VOLUNTEER,
    PARTNER
}
