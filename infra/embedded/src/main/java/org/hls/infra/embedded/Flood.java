package org.hls.infra.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One person sending requests as fast as four threads can while somebody else sends a few of theirs: what the flood
 * got, and how long each of the other person's requests took. For the tests that show one caller slows nobody else.
 *
 * @param accepted     how many of the flood's requests were accepted
 * @param refused      up to a hundred of the flood's other answers
 * @param othersMillis how long each of the other person's requests took, slowest last
 * @param seconds      how long the flood lasted
 */
public record Flood<A>(int accepted, List<A> refused, List<Long> othersMillis, double seconds) {

    private static final int THREADS = 4;

    /** Floods with {@code flood} while {@code others} requests are sent one by one, each checked by {@code check}. */
    public static <A> Flood<A> whileSomebodyElseSends(Supplier<A> flood, Predicate<A> isAccepted, int others,
                                                      Supplier<A> other, Consumer<A> check)
            throws InterruptedException {
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        List<A> refused = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < THREADS; i++) {
            threads.submit(() -> {
                while (flooding.get()) {
                    A answer = flood.get();
                    if (isAccepted.test(answer)) {
                        accepted.incrementAndGet();
                    } else if (refused.size() < 100) {
                        refused.add(answer);
                    }
                }
            });
        }
        List<Long> othersMillis = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < others; i++) {
                long sent = System.nanoTime();
                A answer = other.get();
                othersMillis.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
                check.accept(answer);
            }
        } finally {
            flooding.set(false);
            threads.shutdown();
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The flood did not stop within 30 s");
            }
        }
        Collections.sort(othersMillis);
        return new Flood<>(accepted.get(), List.copyOf(refused), othersMillis,
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    /** The other person's slowest request, in milliseconds. */
    public long othersSlowestMillis() {
        return othersMillis.get(othersMillis.size() - 1);
    }
}
