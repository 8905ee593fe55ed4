package org.hls.query.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * How many exports each person has running on this instance: each holds a thread and a connection until it is all
 * read, so one person opening export after export (and reading each slowly) would take them from everyone else.
 */
final class ExportsRunning {

    private final int atOnce;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    ExportsRunning(int atOnce) {
        this.atOnce = atOnce;
    }

    /**
     * Counts an export of {@code personId}'s as running until the {@link Runnable} answered is run (once it is all
     * written, or failed).
     *
     * @throws Refusal 429, with {@code Retry-After}, when they have {@code atOnce} running already
     */
    Runnable admit(String personId) {
        boolean[] admitted = {false};
        running.compute(personId, (person, now) -> {
            int count = now == null ? 0 : now;
            admitted[0] = count < atOnce;
            return admitted[0] ? count + 1 : count;
        });
        if (!admitted[0]) {
            Refusal refused = new Refusal(HttpStatus.TOO_MANY_REQUESTS, "refused.export.too-many", atOnce);
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
            throw refused;
        }
        boolean[] released = {false};
        return () -> {
            synchronized (released) {
                if (released[0]) {
                    return;
                }
                released[0] = true;
            }
            running.computeIfPresent(personId, (person, count) -> count > 1 ? count - 1 : null);
        };
    }
}
