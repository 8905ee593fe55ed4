package org.hls.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hls.infra.embedded.Processes;
/**
 * One Spring Boot service, run from its jar in its own JVM, with its output in a log file.
 */
public final class ServiceProcess implements Supervisor.Supervised {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(30);
    /** A service still stopping after this is killed: what it acknowledged is stored, and the rest is done again. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(6);

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private static final String DIRECT_MEMORY = "2g";
    private final String heap;
    private final Path log;
    private final String healthUrl;
    private Process process;

    public ServiceProcess(String name, Path jar, Map<String, String> environment, String heap, Path log,
                          String baseUrl) {
        this.name = name;
        this.jar = jar;
        this.environment = environment;
        this.heap = heap;
        this.log = log;
        this.healthUrl = baseUrl + "/actuator/health";
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw package)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                // query-service keeps its history's columns off the heap: they may outgrow the heap's size.
                "-XX:MaxDirectMemorySize=" + DIRECT_MEMORY,
                "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                "-jar", runnable(jar).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
    }

    /**
     * What to run of a service's jar: the copy its build unpacked beside it, as Spring Boot's reference advises (it
     * starts a fifth sooner), when unpacked from this very jar (the copy keeps the jar's time); else the jar itself.
     */
    static Path runnable(Path jar) {
        Path unpacked = jar.resolveSibling("extracted").resolve(jar.getFileName());
        try {
            return Files.getLastModifiedTime(unpacked).equals(Files.getLastModifiedTime(jar)) ? unpacked : jar;
        } catch (IOException notUnpacked) {
            return jar;
        }
    }

    /** A clean stop: Spring's graceful shutdown, as on SIGTERM in production. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.stopGracefully(process, STOP_TIMEOUT);
        process = null;
    }

    /** A crash: the JVM is killed without any chance to finish what it was doing. */
    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
    }

    /**
     * Waits until the running process exits, however it does, and gives its exit status; -1 at once if none runs
     * (once a second, so that a watcher of a stopped service does not spin).
     */
    @Override
    public int awaitExit() throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        return Processes.awaitExit(running);
    }

    /**
     * Freezes the process ({@code SIGSTOP}) or lets it go on ({@code SIGCONT}): a machine that stops answering without
     * closing its connections, as a fault test needs one.
     */
    public synchronized void freeze(boolean frozen) {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            int status = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid()))
                    .inheritIO().start().waitFor();
            if (status != 0) {
                throw new IllegalStateException("kill answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path log() {
        return log;
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Patience patience = new Patience(System.nanoTime());
        String lastAnswer = "no answer";
        while (!patience.exhausted(System.nanoTime())) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
                if (patience.heard(answer.body(), System.nanoTime())) {
                    System.out.println(name + " is rebuilding read models written in an earlier release's shape; "
                            + "it starts once they are rebuilt");
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        // What was not up is the first thing anyone looking into it needs.
        throw new IllegalStateException(name + " did not become healthy within " + patience.limit()
                + " (last answered " + lastAnswer + "); see " + log);
    }

    /**
     * How long a start is waited for: {@link #START_TIMEOUT}, or, from when the service says it is rebuilding read
     * models in its own shape (after an upgrade), as long as that takes, up to {@link #REBUILD_TIMEOUT}.
     */
    static final class Patience {

        private long deadline;
        private boolean rebuilding;

        Patience(long startedAt) {
            this.deadline = startedAt + START_TIMEOUT.toNanos();
        }

        /** Takes in what the health endpoint answered at {@code at}; whether it said, first now, that it rebuilds. */
        boolean heard(String health, long at) {
            if (rebuilding || !health.contains("\"waitingForTheirShape\":[\"")) {
                return false;
            }
            rebuilding = true;
            deadline = at + REBUILD_TIMEOUT.toNanos();
            return true;
        }

        boolean exhausted(long at) {
            return at - deadline >= 0;
        }

        Duration limit() {
            return rebuilding ? REBUILD_TIMEOUT : START_TIMEOUT;
        }
    }
}
