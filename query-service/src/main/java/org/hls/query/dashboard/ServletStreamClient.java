package org.hls.query.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

/**
 * A stream over the servlet container's non-blocking output (Servlet 3.1 {@link WriteListener}): a write never waits
 * for the client, so one thread can write a dashboard to thousands of streams, and no thread is held by one that does
 * not read. The stream ends when its lifetime is over, when either side closes it, or on a failed write.
 * <p>
 * The container reuses a finished response for the next request: once this stream has ended it is never written
 * again, and a write in progress finishes before the container is told the stream has ended (as Spring's own
 * emitters guard theirs).
 */
final class ServletStreamClient implements StreamClient, WriteListener, AsyncListener {

    private static final Duration WAIT_FOR_A_WRITE = Duration.ofMillis(50);

    private final AsyncContext async;
    private final ServletOutputStream out;
    /** Held while a frame is written: an ending stream waits a moment for it. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean open = true;
    private volatile Runnable writable = () -> { };
    private volatile Runnable ended = () -> { };

    private ServletStreamClient(AsyncContext async, ServletOutputStream out) {
        this.async = async;
        this.out = out;
    }

    /**
     * Starts an event stream answering {@code request}, open for {@code lifetime} at most. It writes to the
     * container's own response, not through the wrappers of the filters and of Spring MVC, which would lock around
     * every write once more; nothing is written before the request's filters are done, so the headers they set are
     * sent.
     */
    static ServletStreamClient open(HttpServletRequest request, HttpServletResponse response, Duration lifetime)
            throws IOException {
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        AsyncContext async = request.startAsync();
        async.setTimeout(Math.max(1, lifetime.toMillis()));
        ServletStreamClient client = new ServletStreamClient(async, async.getResponse().getOutputStream());
        async.addListener(client);
        return client;
    }

    @Override
    public void whenWritable(Runnable writable) {
        this.writable = writable;
        // The container calls onWritePossible once as soon as it can write: the stream's first write starts there.
        out.setWriteListener(this);
    }

    @Override
    public void whenEnded(Runnable ended) {
        this.ended = ended;
    }

    @Override
    public boolean isReady() {
        writing.lock();
        try {
            return open && out.isReady();
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void write(byte[] frame) throws IOException {
        writing.lock();
        try {
            requireOpen();
            out.write(frame);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        writing.lock();
        try {
            requireOpen();
            out.flush();
        } finally {
            writing.unlock();
        }
    }

    private void requireOpen() throws IOException {
        if (!open) {
            throw new IOException("The stream has ended");
        }
    }

    /** Stops writing first: completing turns the container's output back to blocking writes. */
    @Override
    public void end() {
        if (stop()) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyEnded) {
                ended.run();
            }
        }
    }

    /** From now on nothing is written, and whoever follows this stream is told it ended. */
    private void closed() {
        stop();
        ended.run();
    }

    /**
     * Stops every write after any in progress, and answers whether the stream was open. A write in progress is waited
     * for briefly, not for ever: the container ends a stream holding its own lock, which a write that fails needs too
     * (Spring's emitters met that deadlock, spring-framework#33421).
     */
    private boolean stop() {
        boolean wasOpen = open;
        open = false;
        try {
            if (writing.tryLock(WAIT_FOR_A_WRITE.toMillis(), TimeUnit.MILLISECONDS)) {
                writing.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return wasOpen;
    }

    @Override
    public void onWritePossible() {
        writable.run();
    }

    @Override
    public void onError(Throwable failed) {
        end();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed();
    }

    /** The token it was opened with has expired: the stream ends here. */
    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    @Override
    public void onError(AsyncEvent event) {
        end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Started once, in open.
    }
}
