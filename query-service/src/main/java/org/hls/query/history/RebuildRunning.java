package org.hls.query.history;

/**
 * A rebuild was asked for while one is running: answered 409.
 */
public class RebuildRunning extends RuntimeException {

    public RebuildRunning() {
        super("A rebuild of the history is running already; its status is at /api/admin/projections/history.");
    }
}
