package org.hls.infra.embedded;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend, honouring the write concern as a real MongoDB does, with a {@link Journal}: every
 * write is journaled in the order it is applied; one that asks to be journaled ({@code j: true}) or on a majority
 * ({@code w: "majority"}, journaled by MongoDB's default) is answered once the journal is synced up to it. The data
 * file is committed every {@code checkpointEvery} and whenever {@code COMMIT_UNSAVED_ABOVE} is unsaved (it commits
 * nothing by itself), and a restart applies what the journal holds after the last commit. Its unique indexes
 * compare keys by value ({@link OrderedKeyIndex}).
 * <p>
 * When it cannot write its files (a full disk), it does what a mongod does: it refuses every write from then on and
 * tells its owner, who stops it and starts it again from the data file and the journal once it can.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "findandmodify",
            "create", "createIndexes", "drop", "dropDatabase", "dropIndexes", "renameCollection");
    private static final String CHECKPOINT = "sequence";
    private static final int COMPACT_BELOW_FILL_RATE = 60;
    private static final int COMPACT_BYTES_PER_CHECKPOINT = 16 * 1024 * 1024;
    /** The journal starts again (and the data file is compacted) when it is this long, or after so many checkpoints. */
    private static final long RESTART_JOURNAL_AT = Journal.PREALLOCATED / 2;
    private static final int RESTART_JOURNAL_EVERY = 30;
    /**
     * A commit is made as soon as this much is unsaved: H2 caches a chunk's table of contents only up to 64 KB (8,192
     * pages), and freeing a page of a larger chunk (dropping a collection) reads its table from the file again for
     * each page, which held every write up for minutes after a burst of a few hundred megabytes.
     */
    private static final int COMMIT_UNSAVED_ABOVE = 8 * 1024 * 1024;
    /**
     * H2 may write over a chunk five commits after it fell out of use, which the last synced commit can still need
     * after a power cut: a commit past this many unsynced ones syncs first.
     */
    private static final int UNSYNCED_COMMITS_AT_MOST = 3;

    private final MVStore store;
    private final MVMap<String, Long> checkpoints;
    private final Journal journal;
    private final Scans scans;
    private final BiConsumer<DurableH2Backend, RuntimeException> whenBroken;
    private final AtomicBoolean broken = new AtomicBoolean();
    /** Held while a write is applied and journaled, so the journal's order is the order writes were applied in. */
    private final ReentrantLock applying = new ReentrantLock();
    private int checkpointsSinceRestart;
    /** Commits made (under {@code applying}), and how many of them a finished sync of the data file holds. */
    private long commits;
    private final AtomicLong syncedCommits = new AtomicLong();
    private final ScheduledExecutorService checkpointer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "store-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    DurableH2Backend(MVStore store, Path journalFile, Duration checkpointEvery, Scans scans,
                     BiConsumer<DurableH2Backend, RuntimeException> whenBroken) {
        super(store);
        this.store = store;
        this.scans = scans;
        this.whenBroken = whenBroken;
        this.checkpoints = store.openMap("hls.journal-checkpoints");
        this.journal = Journal.open(journalFile);
        try {
            recover();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        checkpointer.scheduleWithFixedDelay(this::checkpointQuietly, checkpointEvery.toMillis(),
                checkpointEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        if (!isWrite(command)) {
            return super.handleMessage(message);
        }
        long sequence;
        long committedEarly = -1;
        Document answer = null;
        RuntimeException refused = null;
        applying.lock();
        try {
            if (broken.get()) {
                throw new IllegalStateException("The store cannot write its files; it starts again once it can");
            }
            try {
                answer = super.handleMessage(message);
            } catch (RuntimeException e) {
                refused = e; // what it did before it was refused (an ordered insertMany's first documents) stays
            }
            if (store.isClosed()) {
                // H2 closed its file while applying: the write is nowhere, and nothing after it may be journaled.
                throw broke(store.getPanicException());
            }
            // Journaled whatever the outcome: applied again, a refused write is refused again.
            sequence = journal.append(command);
            if (store.getUnsavedMemory() > COMMIT_UNSAVED_ABOVE) {
                committedEarly = commitEarly(sequence);
            }
        } catch (UncheckedIOException journalNotWritten) {
            throw broke(journalNotWritten);
        } finally {
            applying.unlock();
        }
        if (committedEarly >= 0) {
            syncEarly(committedEarly);
        }
        if (asksForDurability(command)) {
            try {
                journal.awaitSynced(sequence);
            } catch (UncheckedIOException notSynced) {
                // After a failed sync the kernel may drop what it held and call the next sync good: start again.
                throw broke(notSynced);
            }
        }
        if (refused != null) {
            throw refused;
        }
        return answer;
    }

    /**
     * Commits the data file before its checkpoint, up to {@code sequence}, and returns the commits made: the writer
     * syncs them once it has let the next write in. The journal keeps all it holds until a checkpoint has synced a
     * commit. A failure breaks the store, and this write's fate is its journal's, as for any other; then {@code -1}.
     */
    private long commitEarly(long sequence) {
        try {
            commitUpTo(sequence);
            return commits;
        } catch (RuntimeException notCommitted) {
            broke(notCommitted);
            return -1;
        }
    }

    /** Syncs an early commit; a failure breaks the store, and this write's fate is its journal's. */
    private void syncEarly(long committed) {
        try {
            syncUpTo(committed);
        } catch (RuntimeException notSynced) {
            broke(notSynced);
        }
    }

    /**
     * Commits the data file holding exactly the writes journaled up to {@code sequence}; {@code applying} held, or
     * recovering before any write comes.
     */
    private void commitUpTo(long sequence) {
        if (commits - syncedCommits.get() >= UNSYNCED_COMMITS_AT_MOST) {
            syncUpTo(commits); // a burst faster than the syncs after each commit: this write waits for it
        }
        checkpoints.put(CHECKPOINT, sequence);
        store.commit();
        commits++;
    }

    /** Syncs the data file, which then holds at least the first {@code committed} commits. */
    private void syncUpTo(long committed) {
        store.sync();
        syncedCommits.accumulateAndGet(committed, Math::max);
    }

    /** From now on every write is refused; the owner is told once, and starts the store again from its files. */
    private RuntimeException broke(RuntimeException cause) {
        RuntimeException failure = cause != null ? cause : new IllegalStateException("The store's file is closed");
        if (broken.compareAndSet(false, true)) {
            whenBroken.accept(this, failure);
        }
        return failure;
    }

    /** Applies what the journal holds after the last checkpoint: the writes a crash kept from the data file. */
    private void recover() {
        List<Document> lost = journal.entriesAfter(checkpoints.getOrDefault(CHECKPOINT, 0L));
        if (lost.isEmpty()) {
            // The journal may end before the data file's commit (a power cut took entries it had not synced yet):
            // entries appended after what it holds would not follow on, and the next start would stop before them.
            store.sync();
            journal.restart();
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        long sequence = journal.appended() - lost.size(); // the entries after the checkpoint are numbered on from it
        for (Document command : lost) {
            try {
                super.handleMessage(new MongoMessage(channel, new MessageHeader(0, 0), command));
            } catch (RuntimeException refusedAgain) {
                if (store.isClosed()) {
                    throw refusedAgain;
                }
                // journaled as refused the first time (an existing collection created again): refused again
            }
            sequence++;
            if (store.getUnsavedMemory() > COMMIT_UNSAVED_ABOVE) {
                commitUpTo(sequence);
            }
        }
        channel.close();
        checkpoint(true);
        log.info("Applied {} journaled writes that the data file did not hold yet", lost.size());
    }

    /**
     * Commits the data file with everything journaled so far, and syncs it. Only the commit holds up writes: it must
     * hold exactly the writes up to the sequence it records. The sync follows while writes go on, which the journal
     * keeps, with everything else since its last restart; now and then the journal starts again, once a synced commit
     * holds all it held, and the data file is compacted.
     */
    private void checkpoint(boolean restartJournal) {
        boolean restart;
        long committed;
        applying.lock();
        try {
            if (broken.get()) {
                return; // a refused write may be in memory unjournaled: only the journal is to be trusted now
            }
            long upTo = journal.appended();
            boolean changed = upTo != checkpoints.getOrDefault(CHECKPOINT, 0L) || store.hasUnsavedChanges();
            if (!changed && syncedCommits.get() == commits) {
                return;
            }
            if (changed) {
                commitUpTo(upTo);
            }
            committed = commits;
            restart = restartJournal || ++checkpointsSinceRestart >= RESTART_JOURNAL_EVERY
                    || journal.length() >= RESTART_JOURNAL_AT;
            if (restart) {
                syncUpTo(committed);
                journal.restart();
                checkpointsSinceRestart = 0;
                compactIfSparse();
            }
        } finally {
            applying.unlock();
        }
        if (!restart) {
            syncUpTo(committed);
        }
    }

    /**
     * Each commit writes the pages that changed to new space, and H2 compacts only from the background thread it
     * runs when it commits by itself, which this store never lets it: without this, the file grows with every write.
     * Rewrites some megabytes of the sparsest chunks' live pages whenever less than {@code COMPACT_BELOW_FILL_RATE}
     * percent of what the chunks hold is live, so that the space they held is reused.
     */
    private void compactIfSparse() {
        store.compact(COMPACT_BELOW_FILL_RATE, COMPACT_BYTES_PER_CHECKPOINT);
    }

    private void checkpointQuietly() {
        try {
            checkpoint(false);
        } catch (RuntimeException e) {
            // H2 closes its file when it cannot write it, and a failed sync leaves the file's state unknown: only a
            // new start from the file and the journal is sure.
            broke(e);
        }
    }

    /** The queries this store answered by reading a whole collection. */
    Scans scans() {
        return scans;
    }

    @Override
    public void close() {
        checkpointer.shutdownNow();
        try {
            if (broken.get() || store.isClosed()) {
                throw new IllegalStateException("The store's file cannot be committed");
            }
            checkpoint(true);
        } catch (RuntimeException notCommitted) {
            closeAsIs(); // the next start applies the journal
            return;
        }
        super.close();
        journal.close();
    }

    /** Closes the files as they are, committing nothing: what was journaled is applied again at the next start. */
    void closeAsIs() {
        checkpointer.shutdownNow();
        applying.lock();
        try {
            store.closeImmediately();
            journal.close();
        } finally {
            applying.unlock();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new OrderedKeyDatabase(databaseName);
    }

    /**
     * The backend's database with {@link OrderedKeyIndex}es. An inner class: the database opens its indexes in its
     * constructor, and an inner class's outer instance (whose store it needs) is set before that runs.
     */
    private final class OrderedKeyDatabase extends H2Database {

        OrderedKeyDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            return OrderedKeyIndex.open(getMvStore(), getFullCollectionNamespace(collectionName) + "._index_"
                    + indexName, indexName, keys, sparse);
        }

        /**
         * H2Database's collection (the same maps), watched for queries that read it whole. The backend's own fields
         * are not set yet when its constructor opens the databases a file holds: reached through the backend later.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            return new KeyedH2Collection(this, collectionName, options,
                    getMvStore().openMap("databases." + namespace,
                            new MVMap.Builder<Object, Document>().valueType(new BsonDocuments())),
                    getMvStore().openMap("meta." + namespace),
                    getCursorRegistry(), DurableH2Backend.this::scans);
        }
    }

    private static boolean isWrite(Document command) {
        return !command.isEmpty() && WRITES.contains(command.keySet().iterator().next());
    }

    private static boolean asksForDurability(Document command) {
        if (!(command.get("writeConcern") instanceof Document concern)) {
            return false;
        }
        return Boolean.TRUE.equals(concern.get("j")) || "majority".equals(concern.get("w"));
    }
}
