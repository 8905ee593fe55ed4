package org.hls.infra.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the platform's services running as a process supervisor does: a service whose process exits on its own (a
 * crash, an out-of-memory exit, a kill) is started again after a back-off that doubles from 1 s to 30 s while it keeps
 * failing, and the launcher's output says so. Closing it (Ctrl-C) stops the watching first, so that the services'
 * own stops are not taken for crashes.
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

    /** Watches each of {@code services} from now on, saying what it does on {@code out}. */
    static Supervisor watch(PrintStream out, ServiceProcess... services) {
        Supervisor supervisor = new Supervisor(out);
        for (ServiceProcess service : services) {
            Thread watcher = new Thread(() -> supervisor.keepRunning(service), "supervise-" + service.name());
            watcher.setDaemon(true);
            supervisor.watchers.add(watcher);
            watcher.start();
        }
        return supervisor;
    }

    private void keepRunning(ServiceProcess service) {
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
