package org.hls.infra.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded store in a JVM of its own, so that a test can cut its power (kill -9) and look at what its file kept.
 */
final class StoreProcess {

    private static final String READY = "store ready";

    private final Process process;

    private StoreProcess(Process process) {
        this.process = process;
    }

    public static void main(String[] args) throws InterruptedException {
        MongoStore.start(Path.of(args[0]), Integer.parseInt(args[1]), Duration.parse(args[2]));
        System.out.println(READY);
        Thread.currentThread().join();
    }

    /** Starts a store on {@code file} at {@code port} and returns once it listens. */
    static StoreProcess start(Path file, int port) throws IOException {
        return start(file, port, Duration.ofSeconds(1));
    }

    /** As {@link #start(Path, int)}, the store committing its data file every {@code checkpointEvery}. */
    static StoreProcess start(Path file, int port, Duration checkpointEvery) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, StoreProcess.class.getName(), file.toString(), Integer.toString(port),
                checkpointEvery.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String line; (line = output.readLine()) != null && System.nanoTime() < deadline; ) {
            if (line.contains(READY)) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return new StoreProcess(process);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The store process did not start");
    }

    /** A power cut: the process ends at once, with whatever its file holds. */
    void cutPower() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
