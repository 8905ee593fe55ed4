package org.hls.events.experiment;

/**
 * How an experiment's planned ending went for the people involved.
 */
public enum Ending {
    AS_PLANNED,
    CHANGED,
    NOT_YET
}
