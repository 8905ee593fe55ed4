package org.hls.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.mongodb.MongoWriteException;
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
