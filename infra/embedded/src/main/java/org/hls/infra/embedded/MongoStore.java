package org.hls.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's MongoDB: a MongoDB-wire-protocol server (mongo-java-server) with an H2 file backend, so
 * that data survives a restart. Services reach it through the real MongoDB driver and a connection string, exactly
 * as they reach a real MongoDB.
 * <p>
 * It has no transactions, ignores non-unique indexes and answers range queries by full scans: hot reads must be
 * exact-key lookups (a query giving every field of a unique index a value or an {@code $in} list uses it, whatever
 * else it asks; {@link #scans()} tells any other query on a collection of some size). A write asking for a journaled or majority write concern is on the disk before it is answered
 * ({@link DurableH2Backend}), so a crash or a power cut loses nothing that was acknowledged. When it cannot write
 * its files (a full disk), it stops, as a mongod does, and starts again from them as soon as it can, as a mongod's
 * supervisor would start it: the clients see a store that was unreachable for a while.
 */
public final class MongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** How often the data file is committed; the journal holds every write in between. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    /** H2 keeps 16 MiB of pages by default: a history of some hundred thousand events then reads its pages back. */
    private static final int CACHE_MIB = 256;
    /**
     * A journaled write waits for the journal's sync on its connection's thread: with a thread for about every
     * connection the services open, no other connection waits behind it.
     */
    private static final int CONNECTION_THREADS = 64;

    private final Path file;
    private final int port;
    private final Duration checkpointEvery;
    private final Scans scans = new Scans();
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "store-restart");
        thread.setDaemon(true);
        return thread;
    });
    private DurableH2Backend backend;
    private MongoServer server;
    /** Whether the store is meant to run: {@link #stop()} ends any start again after a failure. */
    private boolean wanted;
    private int startedAgain;

    private MongoStore(Path file, int port, Duration checkpointEvery) {
        this.file = file;
        this.port = port;
        this.checkpointEvery = checkpointEvery;
    }

    /** Starts a store persisted in {@code file}, listening on loopback at {@code port}. */
    public static MongoStore start(Path file, int port) {
        return start(file, port, CHECKPOINT_EVERY);
    }

    /** As {@link #start(Path, int)}, committing the data file every {@code checkpointEvery}. */
    static MongoStore start(Path file, int port, Duration checkpointEvery) {
        MongoStore store = new MongoStore(file, port, checkpointEvery);
        store.start();
        return store;
    }

    public synchronized void start() {
        wanted = true;
        if (server != null) {
            return;
        }
        open();
    }

    private void open() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Only checkpoints commit the data file: between them, the journal holds every write. H2 would also commit
        // by itself once its buffer of unsaved changes fills, and a restart would then apply those writes twice.
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .autoCommitBufferSize(0).cacheSize(CACHE_MIB).open();
        DurableH2Backend opened;
        try {
            opened = new DurableH2Backend(mvStore, Path.of(file + ".journal"), checkpointEvery, scans,
                    (broken, cause) -> restarts.execute(() -> startAgainAfter(broken, cause)));
        } catch (RuntimeException e) {
            mvStore.closeImmediately(); // recovery could not commit (the disk still full): the next try reads it all
            throw e;
        }
        MongoServer listening = new MongoServer(opened);
        try {
            listening.bind(new InetSocketAddress("127.0.0.1", port), 1, CONNECTION_THREADS);
        } catch (Exception e) { // Netty throws its BindException, a checked one, unchecked
            opened.closeAsIs(); // the port is taken: the journal keeps everything for the next try
            throw e instanceof RuntimeException unchecked ? unchecked
                    : new IllegalStateException("The store cannot listen on 127.0.0.1:" + port + ": " + e, e);
        }
        backend = opened;
        server = listening;
    }

    /**
     * Stops {@code broken} at once, closing the files as they are, then starts again from them, waiting longer after
     * each failure; nothing if it is no longer the running backend (stopped, or started again, meanwhile).
     */
    private void startAgainAfter(DurableH2Backend broken, RuntimeException cause) {
        synchronized (this) {
            if (server == null || backend != broken) {
                return;
            }
            log.error("The store cannot write its files: it stops, and starts again from them once it can", cause);
            server.shutdownNow();
            backend.closeAsIs();
            server = null;
            backend = null;
        }
        Duration wait = FIRST_RETRY;
        for (int tries = 1; ; tries++) {
            try {
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (!wanted || server != null) {
                    return;
                }
                try {
                    open();
                    startedAgain++;
                    log.info("The store started again from its files after {} tries", tries);
                    return;
                } catch (RuntimeException stillFailing) {
                    wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
                    log.warn("The store could not start again yet ({}); next try in {}", stillFailing.getMessage(),
                            wait);
                }
            }
        }
    }

    /** Stops listening, closes every connection and commits the file. */
    public synchronized void stop() {
        wanted = false;
        if (server == null) {
            return;
        }
        server.shutdownNow();
        backend.close();
        server = null;
        backend = null;
    }

    /** The queries this store answered by reading a whole collection, across its restarts. */
    public Scans scans() {
        return scans;
    }

    /** How many times it started again by itself after it could not write its files. */
    synchronized int startedAgain() {
        return startedAgain;
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
