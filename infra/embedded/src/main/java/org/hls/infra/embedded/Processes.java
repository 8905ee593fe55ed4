package org.hls.infra.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stopping and watching the child JVMs of the embedded default.
 */
public final class Processes {

    private Processes() {
    }

    /** Asks the process to stop (SIGTERM: a clean shutdown), and kills it if it has not stopped in time. */
    public static void stopGracefully(Process process, Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A crash: the process is killed without any chance to finish what it was doing. */
    public static void kill(Process process) {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until {@code process} exits, however it does, and gives its exit status; -1 after a second if there is
     * none (so that a watcher of a stopped process does not spin).
     */
    public static int awaitExit(Process process) throws InterruptedException {
        if (process == null) {
            Thread.sleep(1_000);
            return -1;
        }
        return process.waitFor();
    }
}
