package org.hls.command.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.hls.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies over {@value #MAX_BYTES} bytes are refused with 413 before anything reads them: at once when the length is
 * declared, and as soon as a streamed (chunked) body passes the limit. A body still arriving {@code hls.http.body-time}
 * after the request began is refused with 408, so that a client sending a byte now and then holds no worker for
 * long (each wait for the next bytes is bounded by the server's connection timeout). The one exception is an
 * administrator's import of history, whose every line has the same size limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimits extends OncePerRequestFilter {

    public static final int MAX_BYTES = 64 * 1024;
    /** The message of a refusal of a body over the limit, with {@link #MAX_KIB}. */
    static final String TOO_LARGE = "problem.body-too-large";
    static final String TOO_SLOW = "problem.body-too-slow";
    static final int MAX_KIB = MAX_BYTES / 1024;

    private final Duration bodyTime;

    private final Problems problems;

    BodyLimits(@Value("${hls.http.body-time}") Duration bodyTime, Problems problems) {
        this.bodyTime = bodyTime;
        this.problems = problems;
    }

    /** The administrators' import streams history of any length, one event a line, each line limited on its own. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "/api/admin/import".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            response.setHeader("Connection", "close");
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, MAX_KIB);
            return;
        }
        chain.doFilter(new LimitedRequest(request, System.nanoTime() + bodyTime.toNanos()), response);
    }

    /** Thrown while reading a body that turns out larger than the limit. */
    public static class BodyTooLargeException extends IOException {

        BodyTooLargeException() {
            super("The body is over " + MAX_BYTES + " bytes");
        }
    }

    /** Thrown while reading a body that is still arriving when its time is up. */
    public static class BodyTooSlowException extends IOException {

        BodyTooSlowException() {
            super("The body arrived too slowly");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long deadline;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long deadline) {
            super(request);
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), deadline);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long deadline;
        private long read;

        LimitedInputStream(ServletInputStream in, long deadline) {
            this.in = in;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            inTime();
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            inTime();
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void inTime() throws BodyTooSlowException {
            if (System.nanoTime() - deadline > 0) {
                throw new BodyTooSlowException();
            }
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > MAX_BYTES) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
