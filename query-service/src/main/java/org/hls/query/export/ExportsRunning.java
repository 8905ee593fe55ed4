package org.hls.query.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
        AtomicBoolean admitted = new AtomicBoolean();
        running.compute(personId, (person, now) -> {
            int count = now == null ? 0 : now;
            admitted.set(count < atOnce);
            return admitted.get() ? count + 1 : count;
        });
        if (!admitted.get()) {
            Refusal refused = new Refusal(HttpStatus.TOO_MANY_REQUESTS, "refused.export.too-many", atOnce);
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
            throw refused;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.getAndSet(true)) {
                return; // released already: each export is counted off once
            }
            running.computeIfPresent(personId, (person, count) -> count > 1 ? count - 1 : null);
        };
    }
}
