package org.hls.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run from Maven Central's Kafka jars in
 * its own JVM, with its data under a directory of ours. Tests and the launcher use this same harness. Whoever starts
 * it stops it: a shutdown hook of its own would race the orderly stop of the services that still use it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private Process process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, String heap) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    /** Formats {@code dataDir} on first use, starts the broker and waits until it answers. */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, "512m");
    }

    public static KafkaBroker start(Path dataDir, int port, int controllerPort, String heap) {
        KafkaBroker broker = new KafkaBroker(dataDir, port, controllerPort, heap);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path properties = writeProperties();
            Path log4j = writeLogConfiguration();
            if (!Files.exists(logDir().resolve("meta.properties"))) {
                format(properties, log4j);
            }
            process = java(List.of("kafka.Kafka", properties.toString()), log4j)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.out").toFile()))
                    .start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean stop: the broker shuts down in order and keeps all its data. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.stopGracefully(process, STOP_TIMEOUT);
        process = null;
    }

    /** A crash: the broker's JVM is killed without any chance to finish what it was doing. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
    }

    /**
     * Waits until the running broker exits, however it does, and gives its exit status; -1 at once if none runs
     * (once a second, so that a watcher of a stopped broker does not spin).
     */
    public int awaitExit() throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        return Processes.awaitExit(running);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Where the broker writes what it says. */
    public Path log() {
        return dataDir.resolve("broker.out");
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    private Path writeProperties() throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir(),
                "num.partitions=6",
                // One node: every internal topic has one replica.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Topics are declared by the services that own them.
                "auto.create.topics.enable=false",
                // One controller has no peer to prove itself to: a no-op metadata record every 5 s, not every 0.5 s.
                "metadata.max.idle.interval.ms=5000",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLogConfiguration() throws IOException {
        String config = String.join("\n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=%d{ISO8601} %-5p [kafka] %c{1}: %m%n",
                "logger.server.name=kafka.server.KafkaRaftServer",
                "logger.server.level=INFO",
                "");
        Path file = dataDir.resolve("log4j2.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Formats the broker's storage, once more if a try fails (found in CI: a try exited at once, once in thousands of
     * starts, saying nothing): what each try said is kept in {@code format.out} and quoted when the last fails.
     */
    private void format(Path properties, Path log4j) throws IOException {
        List<String> command = List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString(), "--standalone", "--ignore-formatted");
        Path out = dataDir.resolve("format.out");
        for (int attempt = 1; ; attempt++) {
            Process tool = java(command, log4j).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            try {
                if (tool.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && tool.exitValue() == 0) {
                    return;
                }
                tool.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (attempt == 3) {
                throw new IllegalStateException("Kafka storage format failed: " + command + "; it said:\n"
                        + Files.readString(out));
            }
        }
    }

    private ProcessBuilder java(List<String> arguments, Path log4j) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", brokerClasspath()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        awaitListening(deadline);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited; see " + dataDir.resolve("broker.out"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker did not start within " + START_TIMEOUT);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the listener socket first, so that the admin client never talks to a closed port. */
    private void awaitListening(long deadline) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + dataDir.resolve("broker.out"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("Kafka broker did not listen within " + START_TIMEOUT);
    }

    /** The broker's jars, as Maven resolved them when this module was built. */
    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build infra/embedded with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
