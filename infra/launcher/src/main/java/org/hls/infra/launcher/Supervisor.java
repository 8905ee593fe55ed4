package org.hls.infra.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hls.infra.embedded.KafkaBroker;

/**
 * Keeps the platform's processes running as a process supervisor does: a service or the Kafka broker whose process
 * exits on its own (a crash, an out-of-memory exit, a kill) is started again after a back-off that doubles from 1 s to
 * 30 s while it keeps failing, and the launcher's output says so. Closing it (Ctrl-C) stops the watching first, so
 * that the processes' own stops are not taken for crashes. (The store runs inside the launcher itself.)
 */
final class Supervisor implements AutoCloseable {

    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(30);
    /** A service that ran this long before it exited starts again after the first back-off, not a longer one. */
    private static final Duration STEADY = Duration.ofSeconds(60);

    private final List<Thread> watchers = new ArrayList<>();
    private final PrintStream out;
    private volatile boolean closed;

    private Supervisor(PrintStream out) {
        this.out = out;
    }

    /** What a supervisor keeps running. */
    interface Supervised {

        String name();

        /** Waits until the running process exits and gives its status; -1 after a while if none runs. */
        int awaitExit() throws InterruptedException;

        void start();

        void kill();

        Path log();
    }

    /** The embedded Kafka broker, kept running as the services are. */
    record Broker(KafkaBroker broker) implements Supervised {

        @Override
        public String name() {
            return "Kafka";
        }

        @Override
        public int awaitExit() throws InterruptedException {
            return broker.awaitExit();
        }

        @Override
        public void start() {
            broker.start();
        }

        @Override
        public void kill() {
            broker.kill();
        }

        @Override
        public Path log() {
            return broker.log();
        }
    }

    /** Watches each of {@code processes} from now on, saying what it does on {@code out}. */
    static Supervisor watch(PrintStream out, Supervised... processes) {
        Supervisor supervisor = new Supervisor(out);
        for (Supervised service : processes) {
            Thread watcher = new Thread(() -> supervisor.keepRunning(service), "supervise-" + service.name());
            watcher.setDaemon(true);
            supervisor.watchers.add(watcher);
            watcher.start();
        }
        return supervisor;
    }

    private void keepRunning(Supervised service) {
        Duration backOff = FIRST_BACK_OFF;
        long startedAt = System.nanoTime();
        try {
            while (!closed) {
                int status = service.awaitExit();
                if (closed) {
                    return;
                }
                if (System.nanoTime() - startedAt > STEADY.toNanos()) {
                    backOff = FIRST_BACK_OFF;
                }
                out.println(service.name() + " exited (status " + status + "); starting it again in "
                        + backOff.toSeconds() + " s. Its log: " + service.log());
                Thread.sleep(backOff.toMillis());
                if (closed) {
                    return;
                }
                try {
                    service.start();
                    startedAt = System.nanoTime();
                    out.println(service.name() + " is running again.");
                } catch (RuntimeException failed) {
                    out.println(service.name() + " did not start: " + failed.getMessage());
                    service.kill();
                }
                backOff = backOff.multipliedBy(2).compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF
                        : backOff.multipliedBy(2);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops watching: what exits from now on stays stopped. */
    @Override
    public void close() {
        closed = true;
        watchers.forEach(Thread::interrupt);
    }
}
