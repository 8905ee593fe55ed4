package org.hls.query.history;

/**
 * The history has not caught up with the topic since this instance started: answered 503, rather than numbers that
 * show less than happened.
 */
public class HistoryNotReady extends RuntimeException {

    HistoryNotReady(long events) {
        super("The history is being built (" + events + " events so far). Try again shortly.");
    }
}
