package org.hls.infra.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stopping the child JVMs of the embedded default.
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
}
