package org.hls.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher in a JVM of its own, as the run command starts it, on the given settings' ports and data directory;
 * stopped as Ctrl-C stops it, or killed with everything it started, as a power cut would.
 */
final class LauncherProcess {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final Process launcher;
    private final Path output;

    private LauncherProcess(Process launcher, Path output) {
        this.launcher = launcher;
        this.output = output;
    }

    /** Starts the launcher and waits until it says the platform is ready; its output goes to {@code output}. */
    static LauncherProcess start(PlatformSettings settings, Path output) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, Launcher.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        settings.listeningPorts().forEach((variable, port) -> builder.environment().put(variable, port.toString()));
        builder.environment().putAll(Map.of(
                "HLS_HOME", settings.home().toString(),
                "HLS_DATA_DIR", settings.dataDir().toString(),
                "SERVICES_MONGODB_PORT", Integer.toString(settings.servicesMongoPort()),
                "HLS_SERVICE_HEAP", settings.serviceHeap(),
                "HLS_QUERY_SERVICE_HEAP", settings.queryServiceHeap()));
        builder.environment().put("CLOCK_SHIFTS", clockShifts(settings).toString());
        Process launcher = builder.start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!Files.readString(output).contains("The learning platform is ready")) {
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                throw new IllegalStateException("The launcher " + (launcher.isAlive() ? "was not ready within "
                        + READY_WITHIN : "exited") + ":\n" + Files.readString(output));
            }
            pause(Duration.ofMillis(250));
        }
        return new LauncherProcess(launcher, output);
    }

    /**
     * Where a test or a fault campaign makes a service's clock jump: {@code <service>.shift} there holds how far
     * ({@code ShiftableClock}); the services the launcher starts read it.
     */
    static Path clockShifts(PlatformSettings settings) {
        return settings.dataDir().resolve("clock-shifts");
    }

    /**
     * Asks the launcher and every process it started to stop at once, as Ctrl-C does to the terminal's foreground
     * processes (SIGTERM: a test's JVM may have been started with SIGINT ignored), and waits until all have exited.
     *
     * @return how long they took
     */
    Duration stopAsCtrlCDoes() {
        long started = System.nanoTime();
        everything().forEach(ProcessHandle::destroy);
        everything().forEach(process -> process.onExit().join());
        launcher.onExit().join();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Kills one of the platform's services as a crash would ({@code kill -9}); the rest keeps running. */
    void killService(String name) {
        kill(name, name + ".jar");
    }

    /**
     * Kills the Kafka broker's JVM, as a crash would. It is found by its log configuration: its long class path may
     * cut the command line short before the main class.
     */
    void killKafka() {
        kill("Kafka", "kafka/log4j2.properties");
    }

    private void kill(String name, String inCommandLine) {
        ProcessHandle process = launcher.descendants().filter(child -> child.info().commandLine().orElse("")
                .contains(inCommandLine)).findFirst().orElseThrow(() -> new IllegalStateException(name
                + " is not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    /** What the launcher has said so far. */
    String output() throws IOException {
        return Files.readString(output);
    }

    /** Kills the launcher and every process it started, all at once. */
    void cutPower() {
        List<ProcessHandle> everything = everything();
        everything.forEach(ProcessHandle::destroyForcibly);
        everything.forEach(process -> process.onExit().join());
    }

    /** Whether the launcher itself is still running. */
    boolean isAlive() {
        return launcher.isAlive();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<ProcessHandle> everything() {
        List<ProcessHandle> everything = new ArrayList<>(launcher.descendants().toList());
        everything.add(launcher.toHandle());
        return everything;
    }
}
