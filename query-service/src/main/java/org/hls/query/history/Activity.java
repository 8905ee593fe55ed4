package org.hls.query.history;

/**
 * What an action learning set did that may be counted outside it.
 */
public enum Activity {
    SESSION_HELD,
    ACTION_COMMITTED,
    ACTION_DONE,
    SESSION_EVALUATED
}
