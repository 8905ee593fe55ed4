package org.hls.events.actionlearning;

/**
 * How far a committed action got by the next session.
 */
public enum ActionStatus {
    DONE,
    PARTLY,
    NOT_DONE
}
