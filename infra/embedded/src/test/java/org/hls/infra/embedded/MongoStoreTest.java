package org.hls.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void aPowerCutRightAfterABurstLosesNoWriteThatWasAcknowledgedAsJournaled() throws Exception {
        Path file = dataDir.resolve("cut.h2");
        int port = Ports.free();
        int acknowledged = 0;
        StoreProcess process = StoreProcess.start(file, port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            for (int i = 0; i < 300; i++) {
                things.insertOne(new Document("_id", i));
                acknowledged++;
            }
            things.updateOne(new Document("_id", 0), new Document("$set", new Document("last", true)));
            process.cutPower();
        } finally {
            process.cutPower();
        }

        MongoStore store = MongoStore.start(file, port);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(acknowledged);
            assertThat(things.find(new Document("_id", 0)).first()).containsEntry("last", true);
        } finally {
            store.stop();
        }
    }

    @Test
    void aPowerCutAppliesEachJournaledWriteOnceWhetherOrNotACheckpointHeldIt() throws Exception {
        Path file = dataDir.resolve("journal.h2");
        int port = Ports.free();
        long increments = 0;
        StoreProcess process = StoreProcess.start(file, port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> counters = client.getDatabase("test").getCollection("counters")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            counters.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            counters.insertOne(new Document("_id", "c").append("name", "counter").append("n", 0));
            // Longer than the checkpoint interval: some increments are in the data file, the rest only journaled.
            long until = System.nanoTime() + java.time.Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < until) {
                counters.updateOne(new Document("_id", "c"), new Document("$inc", new Document("n", 1)));
                increments++;
            }
            assertThatThrownBy(() -> counters.insertOne(new Document("_id", "d").append("name", "counter")))
                    .isInstanceOf(MongoWriteException.class);
            process.cutPower();
        } finally {
            process.cutPower();
        }

        long journaled = increments;
        afterEachOfTwoStarts(file, port, database -> {
            MongoCollection<Document> counters = database.getCollection("counters");
            assertThat(counters.find(new Document("_id", "c")).first().getInteger("n")).isEqualTo((int) journaled);
            assertThat(counters.countDocuments()).isEqualTo(1);
        });
    }

    @Test
    void aPowerCutAfterTheJournalStartedAgainOverItsOldEntriesAppliesEachJournaledWriteOnce() throws Exception {
        // The journal is written again from its start after a synced checkpoint, over the entries it held: many
        // checkpoints and several such restarts come before the cut, each leaving older entries behind the new ones.
        Path file = dataDir.resolve("wrapped.h2");
        int port = Ports.free();
        long increments = 0;
        int pages = 0;
        StoreProcess process = StoreProcess.start(file, port, java.time.Duration.ofMillis(100));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoDatabase database = client.getDatabase("test").withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            MongoCollection<Document> counters = database.getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("n", 0));
            String text = "x".repeat(16 * 1024 + 997);
            // Twice the length that restarts the journal, and more than the 30 checkpoints that restart it too.
            long until = System.nanoTime() + java.time.Duration.ofMillis(3500).toNanos();
            while (pages * 16L * 1024 < Journal.PREALLOCATED || System.nanoTime() < until) {
                // Entries of different lengths, so that a restart's entries end in the middle of older ones.
                database.getCollection("pages").insertOne(new Document("_id", pages)
                        .append("text", text.substring(pages % 997)));
                pages++;
                counters.updateOne(new Document("_id", "c"), new Document("$inc", new Document("n", 1)));
                increments++;
            }
            process.cutPower();
        } finally {
            process.cutPower();
        }

        long journaled = increments;
        int written = pages;
        afterEachOfTwoStarts(file, port, database -> {
            assertThat(database.getCollection("counters").find().first().getInteger("n")).isEqualTo((int) journaled);
            assertThat(database.getCollection("pages").countDocuments()).isEqualTo(written);
        });
    }

    /** Starts the store on {@code file} twice, one start after the other, and checks its database each time. */
    private static void afterEachOfTwoStarts(Path file, int port, Consumer<MongoDatabase> check) {
        for (int start = 0; start < 2; start++) {
            MongoStore store = MongoStore.start(file, port);
            try (MongoClient client = MongoClients.create(store.connectionString())) {
                check.accept(client.getDatabase("test"));
            } finally {
                store.stop();
            }
        }
    }

    @Test
    void aPowerCutAfterMoreWritesThanH2BuffersAppliesEachJournaledWriteOnce() throws Exception {
        // H2 commits by itself once about 20 MB are unsaved, unless told not to: the journal would then replay
        // writes the data file already holds. No checkpoint comes between to hide it.
        Path file = dataDir.resolve("buffered.h2");
        int port = Ports.free();
        int rounds = 40;
        StoreProcess process = StoreProcess.start(file, port, java.time.Duration.ofMinutes(5));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoDatabase database = client.getDatabase("test").withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            MongoCollection<Document> counters = database.getCollection("counters");
            MongoCollection<Document> pages = database.getCollection("pages");
            counters.insertOne(new Document("_id", "c").append("n", 0));
            String text = "x".repeat(64 * 1024);
            for (int round = 0; round < rounds; round++) {
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(new Document("_id", round * 20 + i).append("text", text));
                }
                pages.insertMany(batch);
                counters.updateOne(new Document("_id", "c"), new Document("$inc", new Document("n", 1)));
            }
            process.cutPower();
        } finally {
            process.cutPower();
        }

        MongoStore store = MongoStore.start(file, port);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("test");
            assertThat(database.getCollection("counters").find().first().getInteger("n")).isEqualTo(rounds);
            assertThat(database.getCollection("pages").countDocuments()).isEqualTo(rounds * 20L);
        } finally {
            store.stop();
        }
    }

    @Test
    void aPowerCutAfterARefusedWriteStartsAgainWithWhatCameAfterIt() throws Exception {
        Path file = dataDir.resolve("refused.h2");
        int port = Ports.free();
        StoreProcess process = StoreProcess.start(file, port, java.time.Duration.ofMinutes(5));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoDatabase database = client.getDatabase("test")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            database.createCollection("things");
            assertThatThrownBy(() -> database.createCollection("things")).isInstanceOf(MongoException.class);
            database.getCollection("things").insertOne(new Document("_id", 1));
            process.cutPower();
        } finally {
            process.cutPower();
        }

        afterEachOfTwoStarts(file, port,
                database -> assertThat(database.getCollection("things").countDocuments()).isEqualTo(1));
    }

    @Test
    void aSecondPowerCutKeepsWhatWasJournaledAfterAJournalThatEndedBeforeTheDataFile() throws Exception {
        // After a power cut the data file can hold writes whose journal entries never reached the disk; the journal
        // then ends before the data file's commit. Emulated: three journaled writes applied and committed, the
        // journal's last two entries then zeroed.
        Path file = dataDir.resolve("ahead.h2");
        Path journal = Path.of(file + ".journal");
        int port = Ports.free();
        StoreProcess process = StoreProcess.start(file, port, java.time.Duration.ofMinutes(5));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            for (int i = 1; i <= 3; i++) {
                things.insertOne(new Document("_id", i));
            }
            process.cutPower();
        } finally {
            process.cutPower();
        }
        MongoStore.start(file, port).stop(); // applies and commits them
        try (FileChannel entries = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
            entries.read(length, 0);
            long afterFirst = Integer.BYTES + Long.BYTES + Integer.BYTES + length.flip().getInt();
            entries.write(ByteBuffer.allocate(64 * 1024), afterFirst);
        }

        process = StoreProcess.start(file, port, java.time.Duration.ofMinutes(5));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("test").getCollection("things")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true)).insertOne(new Document("_id", 4));
            process.cutPower();
        } finally {
            process.cutPower();
        }

        afterEachOfTwoStarts(file, port,
                database -> assertThat(database.getCollection("things").countDocuments()).isEqualTo(4));
    }

    @Test
    void aBurstIsCommittedInChunksWhoseTablesOfContentsH2Caches() {
        // H2 caches a chunk's table of contents up to 64 KB (8,192 pages); dropping a collection frees each page of a
        // larger chunk by reading its table from the file again: after the benchmark's bursts, minutes of writes held.
        Path file = dataDir.resolve("burst.h2");
        int port = Ports.free();
        MongoStore store = MongoStore.start(file, port, java.time.Duration.ofMinutes(5));
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            String text = "x".repeat(600);
            for (int batch = 0; batch < 100; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    documents.add(new Document("_id", batch * 1000 + i).append("text", text));
                }
                things.insertMany(documents);
            }
        } finally {
            store.stop();
        }
        // A chunk is listed in the layout the next commit writes: one more, after a start again.
        store = MongoStore.start(file, port);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", "last"));
        } finally {
            store.stop();
        }

        MVStore written = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            List<Integer> pagesPerChunk = written.getLayoutMap().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("chunk."))
                    .map(entry -> Integer.parseInt(DataUtils.parseMap(entry.getValue()).get("pages"), 16))
                    .toList();
            assertThat(pagesPerChunk.stream().mapToInt(Integer::intValue).sum()).isGreaterThan(8192);
            assertThat(pagesPerChunk).allSatisfy(pages -> assertThat(pages).isLessThan(8000));
        } finally {
            written.close();
        }
    }

    @Test
    void aFullDiskStopsTheStoreUntilThereIsRoomAgainAndLosesNothingItAcknowledged() throws Exception {
        assumeTrue(SmallDisk.mountable(), "a full disk is made on a tmpfs of its own, which this machine does not let "
                + "the test mount (it takes root, as CI runs)");
        try (SmallDisk disk = SmallDisk.mount(dataDir.resolve("small"), "24m")) {
            Path file = disk.folder().resolve("store.h2");
            int port = Ports.free();
            List<Integer> acknowledged = new ArrayList<>();
            MongoStore store = MongoStore.start(file, port, java.time.Duration.ofMillis(100));
            try (MongoClient client = MongoClients.create(store.connectionString()
                    + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000")) {
                MongoCollection<Document> things = client.getDatabase("test").getCollection("things")
                        .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
                String text = "x".repeat(2000);
                for (int i = 0; i < 500; i++) {
                    things.insertOne(new Document("_id", i).append("text", text));
                    acknowledged.add(i);
                }
                disk.fill();
                // The journal has its room already: writes are acknowledged until a checkpoint finds the disk full.
                long until = System.nanoTime() + java.time.Duration.ofMillis(1500).toNanos();
                for (int i = 1000; System.nanoTime() < until; i++) {
                    try {
                        things.insertOne(new Document("_id", i).append("text", text));
                        acknowledged.add(i);
                    } catch (MongoException refused) {
                        // Refused while the disk is full: not acknowledged, so not promised.
                    }
                }
                disk.free();
                await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                        .untilAsserted(() -> things.insertOne(new Document("_id", "after")));
                assertThat(store.startedAgain()).as("the full disk stopped the store").isPositive();
                assertThat(things.countDocuments(Filters.in("_id", acknowledged))).isEqualTo(acknowledged.size());
            } finally {
                store.stop();
            }
            afterEachOfTwoStarts(file, port, database -> assertThat(database.getCollection("things")
                    .countDocuments(Filters.in("_id", acknowledged))).isEqualTo(acknowledged.size()));
        }
    }

    @Test
    void aQueryWithAUniqueIndexsKeysAndMoreIsAnsweredThroughTheIndexAndAnyOtherIsToldAsAScan() {
        MongoStore store = MongoStore.start(dataDir.resolve("keyed.h2"), Ports.free());
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> feed = client.getDatabase("test").getCollection("feed");
            feed.createIndex(Indexes.ascending("day", "theme"), new IndexOptions().unique(true));
            List<Document> entries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                entries.add(new Document("_id", "entry-" + i).append("sequence", (long) i)
                        .append("day", "2026-12-0" + (i % 9 + 1)).append("theme", "theme-" + i));
            }
            feed.insertMany(entries);

            // An exact key and a condition: as the feed's guarded writes ask.
            assertThat(feed.updateOne(new Document("_id", "entry-7").append("sequence", new Document("$lt", 7L)),
                    new Document("$set", new Document("seen", true))).getModifiedCount()).isZero();
            assertThat(feed.updateOne(new Document("_id", "entry-7").append("sequence", new Document("$lt", 8L)),
                    new Document("$set", new Document("seen", true))).getModifiedCount()).isOne();
            List<String> ids = java.util.stream.IntStream.range(0, 150).mapToObj(i -> "entry-" + i).toList();
            assertThat(feed.find(new Document("_id", new Document("$in", ids))
                    .append("sequence", new Document("$gte", 100L))).into(new ArrayList<>())).hasSize(50);
            assertThat(feed.find(new Document("day", "2026-12-08").append("theme", "theme-7")
                    .append("seen", true)).first()).containsEntry("_id", "entry-7");
            assertThat(store.scans().shapes()).isEmpty();

            assertThat(feed.find(new Document("theme", "theme-7")).into(new ArrayList<>())).hasSize(1);
            assertThat(feed.find(new Document("sequence", new Document("$gt", 10L))).into(new ArrayList<>()))
                    .hasSize(189);
            assertThat(store.scans().shapes()).containsExactly(
                    "test.feed {\"sequence\": {\"$gt\": ?}}", "test.feed {\"theme\": ?}");
        } finally {
            store.stop();
        }
    }

    @Test
    void keepsDocumentsAndUniqueIndexesAcrossARestart() {
        MongoStore store = MongoStore.start(dataDir.resolve("store.h2"), Ports.free());
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", 1).append("key", "a"));
        }
        store.stop();

        store.start();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertThat(things.find(new Document("_id", 1)).first()).containsEntry("key", "a");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 2).append("key", "a")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
        } finally {
            store.stop();
        }
    }

    @Test
    void readsAFileWhoseUniqueIndexesTheBackendsOwnKindKept() {
        Path file = dataDir.resolve("before.h2");
        MVStore before = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer plain = new MongoServer(new H2Backend(before));
        int port = Ports.free();
        plain.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                things.insertOne(new Document("_id", (long) i).append("key", "key-" + i));
            }
        }
        plain.shutdownNow();
        before.close();

        MongoStore store = MongoStore.start(file, Ports.free());
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            List<Long> ids = java.util.stream.LongStream.range(100, 200).boxed().toList();
            assertThat(things.find(new Document("_id", new Document("$in", ids))).into(new ArrayList<>()))
                    .hasSize(100);
            assertThat(things.find(new Document("key", "key-499")).first()).containsEntry("_id", 499L);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 1000L).append("key", "key-7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 7L).append("key", "other")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            // Pages that mix documents and keys as the backend's own kind wrote them with this store's BSON ones.
            things.insertOne(new Document("_id", 500L).append("key", "key-500")
                    .append("nested", new Document("list", List.of(1, 2.5, "three", true)))
                    .append("when", new java.util.Date(0)));
            things.updateOne(new Document("_id", 3L), new Document("$set", new Document("changed", true)));
        } finally {
            store.stop();
        }

        store.start();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(501);
            assertThat(things.find(new Document("key", "key-500")).first())
                    .containsEntry("nested", new Document("list", List.of(1, 2.5, "three", true)))
                    .containsEntry("when", new java.util.Date(0));
            assertThat(things.find(new Document("key", "key-3")).first()).containsEntry("changed", true);
            assertThat(things.find(new Document("key", "key-4")).first()).containsEntry("_id", 4L);
        } finally {
            store.stop();
        }
    }
}
