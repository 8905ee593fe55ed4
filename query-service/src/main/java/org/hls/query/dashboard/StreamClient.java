package org.hls.query.dashboard;

import java.io.IOException;

/**
 * One client's end of a dashboard stream, written without ever blocking the writer: a client that reads slowly is
 * written again once it has room ({@link #whenWritable}), and meanwhile only the newest dashboard waits for it.
 */
interface StreamClient {

    /**
     * Calls {@code writable} once writing can start (nothing is written before), and again each time
     * {@link #isReady()} said no and room came. May call it on any thread.
     */
    void whenWritable(Runnable writable);

    /** Calls {@code ended} once the stream has ended, whichever side ended it (possibly more than once). */
    void whenEnded(Runnable ended);

    /** Whether {@link #write} and {@link #flush} may be called now without blocking. */
    boolean isReady();

    void write(byte[] frame) throws IOException;

    void flush() throws IOException;

    /** Ends the stream from this side. */
    void end();
}
