package org.hls.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
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
}
