package org.hls.infra.launcher;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole platform on the embedded default until Ctrl-C, then stops everything cleanly. Data stays under the
 * data directory, so the next start carries on where this one ended.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        System.out.println("Starting the learning platform; data in " + settings.dataDir());
        Platform platform;
        try {
            platform = Platform.start(settings);
        } catch (RuntimeException e) {
            System.err.println("The platform could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the learning platform...");
            platform.close();
            System.out.println("Stopped. Data kept in " + settings.dataDir());
            stopped.countDown();
        }, "platform-shutdown"));
        System.out.println(String.join(System.lineSeparator(),
                "",
                "The learning platform is ready:",
                "  query-service       " + settings.queryServiceUrl(),
                "  command-service     " + settings.commandServiceUrl(),
                "  dev token issuer    " + settings.issuerUrl() + "/dev/token",
                "  Kafka               " + platform.stack().kafka().bootstrapServers(),
                "  MongoDB protocol    " + platform.stack().store().connectionString(),
                "  service logs        " + settings.dataDir().resolve("logs"),
                "Press Ctrl-C to stop.",
                ""));
        stopped.await();
    }
}
