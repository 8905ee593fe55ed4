package org.hls.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded default's backing services together: the MongoDB-wire-protocol store, the Kafka broker and the
 * development token issuer, each on loopback with its data under one directory.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static EmbeddedStack shared;

    private final MongoStore store;
    private final KafkaBroker kafka;
    private final DevTokenIssuer tokens;

    private EmbeddedStack(MongoStore store, KafkaBroker kafka, DevTokenIssuer tokens) {
        this.store = store;
        this.kafka = kafka;
        this.tokens = tokens;
    }

    public static EmbeddedStack start(Path dataDir, int mongoPort, int kafkaPort, int kafkaControllerPort,
                                      int issuerPort) {
        MongoStore store = MongoStore.start(storeFolder(dataDir).resolve("store.h2"), mongoPort);
        KafkaBroker kafka = null;
        try {
            kafka = KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort);
            DevTokenIssuer tokens = DevTokenIssuer.start(dataDir.resolve("issuer").resolve("signing-key.json"),
                    issuerPort);
            return new EmbeddedStack(store, kafka, tokens);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.stop();
            }
            store.stop();
            throw e;
        }
    }

    /** Where the store keeps its data file and journal, and nothing else. */
    public static Path storeFolder(Path dataDir) {
        return dataDir.resolve("mongo");
    }

    /**
     * One stack per test JVM, on free ports in a temporary directory, removed when the JVM exits. Tests that stop a
     * part of it must start it again.
     */
    public static synchronized EmbeddedStack shared() {
        if (shared == null) {
            try {
                Path dataDir = Files.createTempDirectory("hls-stack");
                shared = start(dataDir, Ports.free(), Ports.free(), Ports.free(), Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.close();
                    delete(dataDir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public MongoStore store() {
        return store;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public DevTokenIssuer tokens() {
        return tokens;
    }

    @Override
    public void close() {
        tokens.stop();
        kafka.stop();
        store.stop();
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans up what is left
        }
    }
}
