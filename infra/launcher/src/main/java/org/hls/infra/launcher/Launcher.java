package org.hls.infra.launcher;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole platform on the embedded default until Ctrl-C, then stops everything cleanly. A service or the
 * Kafka broker that exits meanwhile is started again ({@link Supervisor}). Data stays under the data directory, so the next start carries on
 * where this one ended.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean demo = java.util.Arrays.asList(args).contains("--demo");
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
        if (demo) {
            loadDemoHistory(platform, settings);
        }
        Supervisor supervisor = Supervisor.watch(System.out, new Supervisor.Broker(platform.stack().kafka()),
                platform.commandService(), platform.queryService());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the learning platform...");
            supervisor.close();
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

    /** A year of demo history, through the event store's own append path, into a store that holds nothing yet. */
    private static void loadDemoHistory(Platform platform, PlatformSettings settings) {
        String admin = platform.stack().tokens().operator("demo-import", "Demo import");
        HistoryImport history = new HistoryImport(settings.commandServiceUrl(), admin);
        long stored = history.storedEvents();
        if (stored > 0) {
            System.out.println("The event store holds " + stored + " events already: the demo history is loaded "
                    + "only into an empty one.");
            return;
        }
        var events = new DemoHistory(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1), 2026).events();
        long imported = history.importAll(events.iterator(), done -> { });
        System.out.println("Loaded a year of demo history: " + imported + " events (the dashboards catch up in "
                + "seconds).");
    }
}
