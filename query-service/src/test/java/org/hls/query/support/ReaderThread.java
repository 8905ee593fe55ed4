package org.hls.query.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hls.query.support.Http.Answer;

/** Reads one path over and over until stopped, keeping every answer that was not a 200. */
public final class ReaderThread {

    public final List<String> failures = new CopyOnWriteArrayList<>();
    public volatile int answers;
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread thread;

    public ReaderThread(Http http, String token, String path) {
        thread = new Thread(() -> {
            while (reading.get()) {
                Answer answer = http.get(path, token);
                answers++;
                if (answer.status() != 200) {
                    failures.add(answer.status() + " " + answer.body());
                }
            }
        });
        thread.start();
    }

    public void stop() throws InterruptedException {
        reading.set(false);
        thread.join();
    }
}
