package org.hls.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * The embedded default's MongoDB: a MongoDB-wire-protocol server (mongo-java-server) with an H2 file backend, so
 * that data survives a restart. Services reach it through the real MongoDB driver and a connection string, exactly
 * as they reach a real MongoDB.
 * <p>
 * It has no transactions, ignores non-unique indexes and answers range queries by full scans: hot reads must be
 * exact-key lookups. A write asking for a journaled or majority write concern is on the disk before it is answered
 * ({@link DurableH2Backend}), so a crash or a power cut loses nothing that was acknowledged.
 */
public final class MongoStore implements AutoCloseable {

    /** How often writes without a durable write concern reach the file; a clean stop loses nothing. */
    private static final int COMMIT_DELAY_MILLIS = 100;

    private final Path file;
    private final int port;
    private DurableH2Backend backend;
    private MongoServer server;

    private MongoStore(Path file, int port) {
        this.file = file;
        this.port = port;
    }

    /** Starts a store persisted in {@code file}, listening on loopback at {@code port}. */
    public static MongoStore start(Path file, int port) {
        MongoStore store = new MongoStore(file, port);
        store.start();
        return store;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).open();
        mvStore.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
        backend = new DurableH2Backend(mvStore);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    /** Stops listening, closes every connection and commits the file. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        backend.close();
        server = null;
        backend = null;
    }

    public boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
