package org.hls.infra.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

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
        List<Map.Entry<String, Integer>> taken = settings.listeningPorts().entrySet().stream()
                .filter(port -> inUse(port.getValue())).toList();
        if (!taken.isEmpty()) {
            System.err.println(portsTaken(taken));
            System.exit(1);
            return;
        }
        System.out.println("Starting the learning platform; data in " + settings.dataDir());
        Platform platform;
        try {
            platform = Platform.start(settings);
        } catch (Exception e) { // a checked one too: Netty throws its BindException unchecked
            // Exits: the threads of the parts that did start would keep this JVM up, half started, saying nothing.
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

    /**
     * What to do about ports in use, each named by the variable that sets it (found when tried with a platform still
     * running: the store's port taken, a stack trace, and a launcher that never exited).
     */
    static String portsTaken(List<Map.Entry<String, Integer>> taken) {
        Map.Entry<String, Integer> first = taken.get(0);
        return "The platform cannot start: port " + taken.stream().map(port -> port.getValue() + " (" + port.getKey()
                + ")").collect(Collectors.joining(", ")) + (taken.size() == 1 ? " is" : " are") + " in use. Another "
                + "copy of the platform may be running (Ctrl-C stops it), or something else listens there: stop it, "
                + "or choose another port, for example " + first.getKey() + "=" + (first.getValue() + 100)
                + " ./run.sh";
    }

    /** Whether something listens on {@code port} of this machine's loopback address already. */
    private static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the platform's own listeners: a port left in TIME_WAIT is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
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
