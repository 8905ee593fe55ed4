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
import org.bson.Document;
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Found by reading what grows: every command's Idempotency-Key was kept for ever. Keys are kept a period at a time,
 * against the embedded store, in a database of this test's own.
 */
class KeptKeysTest {

    private static final Duration KEPT = Duration.ofDays(8);
    private static final long PERIOD = KEPT.toMillis();
    /** The start of period 2,500 (in 2024), and so of every instant below. */
    private static final long START = 2_500 * PERIOD;

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
    void aKeyIsFoundThroughTheNextPeriodAndKeptNoLonger() {
        kept.current(START + 10).insertOne(new Document("_id", "key").append("at", START + 10));

        assertThat(kept.find("key", START + PERIOD - 1).key().getLong("at")).isEqualTo(START + 10);
        assertThat(kept.find("key", START + 2 * PERIOD - 1)).as("at least as long as kept").isNotNull();

        kept.dropExpired(START + 2 * PERIOD);

        assertThat(collections()).isEmpty();
        assertThat(kept.find("key", START + 2 * PERIOD)).isNull();
    }

    @Test
    void eachPeriodWhoseKeysAreAllOlderThanKeptIsDroppedWhole() {
        for (long period = 2_496; period <= 2_500; period++) {
            database.getCollection(KeptKeys.PREFIX + period).insertOne(new Document("_id", "k" + period));
        }
        database.getCollection("idempotency_keys_of_something_else").insertOne(new Document("_id", "other"));

        kept.dropExpired(START + 5);

        assertThat(collections()).containsExactlyInAnyOrder(KeptKeys.PREFIX + 2_499, KeptKeys.PREFIX + 2_500,
                "idempotency_keys_of_something_else");
    }

    @Test
    void theKeysOfEarlierReleasesAreReadUntilThisOneHasKeptItsOwnForTwoPeriods() {
        database.getCollection(KeptKeys.BEFORE_PERIODS).insertOne(new Document("_id", "earlier").append("at", 1L));
        kept.current(START).insertOne(new Document("_id", "mine").append("at", START));

        kept.dropExpired(START + PERIOD);
        assertThat(kept.find("earlier", START + PERIOD).key()).isNotNull();

        kept.dropExpired(START + 2 * PERIOD);
        assertThat(collections()).isEmpty();
        assertThat(kept.find("earlier", START + 2 * PERIOD)).isNull();
    }

    private List<String> collections() {
        return database.listCollectionNames().into(new ArrayList<>());
    }
}
