package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Found by reading what grows: every command's Idempotency-Key was kept for ever. Each key is listed under the day it
 * was tried, and deleted once that day is kept long enough; against the embedded store, in a database of its own.
 */
class KeptKeysTest {

    private static final Duration KEPT = Duration.ofDays(8);
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** Noon of day 20,000 (in 2024). */
    private static final long NOON = 20_000 * DAY + DAY / 2;

    private MongoClient client;
    private MongoDatabase database;
    private KeptKeys kept;

    @BeforeEach
    void connect() {
        client = MongoClients.create(EmbeddedStack.shared().store().connectionString());
        database = client.getDatabase("kept-keys-" + UUID.randomUUID());
        kept = new KeptKeys(database, KEPT, Clock.systemUTC());
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void aKeyIsKeptUntilTheDayItWasTriedIsKeptLongEnoughThenDeletedWithItsList() {
        tried("key", NOON);

        kept.deleteExpired(NOON + KEPT.toMillis() + DAY / 2 - 1);
        assertThat(keys()).containsExactly("key");

        kept.deleteExpired(NOON + KEPT.toMillis() + DAY / 2);
        assertThat(keys()).isEmpty();
        assertThat(collections()).containsExactly(KeptKeys.KEYS);
    }

    @Test
    void aKeyWhoseCommandARetryRanAgainDaysLaterIsKeptFromThatRetry() {
        tried("key", NOON);
        long again = NOON + Duration.ofDays(6).toMillis();
        kept.keys().updateOne(Filters.eq("_id", "key"), new Document("$set", new Document("at", again)));
        kept.listed("key", again);

        kept.deleteExpired(NOON + Duration.ofDays(10).toMillis());
        assertThat(keys()).containsExactly("key");

        kept.deleteExpired(again + KEPT.toMillis() + DAY);
        assertThat(keys()).isEmpty();
    }

    @Test
    void keysAreDeletedABatchAtATimeAndNoneThatIsNotListed() {
        for (int key = 0; key < 2_345; key++) {
            tried("key-" + key, NOON);
        }
        kept.keys().insertOne(new Document("_id", "kept-by-a-release-before").append("at", NOON));

        kept.deleteExpired(NOON + Duration.ofDays(10).toMillis());

        assertThat(keys()).containsExactly("kept-by-a-release-before");
    }

    private void tried(String id, long at) {
        kept.keys().insertOne(new Document("_id", id).append("at", at));
        kept.listed(id, at);
    }

    private List<String> keys() {
        return kept.keys().find().map(key -> key.getString("_id")).into(new ArrayList<>());
    }

    private List<String> collections() {
        return database.listCollectionNames().into(new ArrayList<>());
    }
}
