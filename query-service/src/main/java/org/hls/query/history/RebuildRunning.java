package org.hls.query.history;

/**
 * A rebuild was asked for while one of the same projection is running: answered 409.
 */
public class RebuildRunning extends RuntimeException {

    public RebuildRunning(String projection) {
        super("A rebuild of " + projection + " is running already; its status is at /api/admin/projections/"
                + projection + ".");
    }
}
