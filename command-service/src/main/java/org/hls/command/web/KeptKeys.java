package org.hls.command.web;

import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the {@link IdempotencyKeys} are kept, and how they go: each key is also listed under the day it was tried
 * (a small collection per day holding only the keys' ids), and once a day is {@code hls.idempotency.kept} behind, the
 * keys it lists that were not tried again since are deleted by id, a batch at a time, and the day's list is dropped.
 * So nothing scans the keys for old ones (the embedded store answers a range by reading every document), one
 * collection holds every key (two tries of one key always meet on its id), and what is kept stays within about
 * {@code kept} of commands. Keys kept by a release before were never listed, and stay (docs/operations.md).
 */
@Component
class KeptKeys {

    private static final Logger log = LoggerFactory.getLogger(KeptKeys.class);

    static final String KEYS = "idempotency_keys";
    static final String LISTED_ON = "idempotency_keys_tried_on_day_";
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int BATCH = 1_000;

    private final MongoDatabase database;
    private final Duration kept;
    private final Clock clock;

    KeptKeys(MongoDatabase eventStoreDatabase, @Value("${hls.idempotency.kept}") Duration kept, Clock clock) {
        this.database = eventStoreDatabase;
        this.kept = kept;
        this.clock = clock;
    }

    /** Every key, by the digest of its person and key. */
    MongoCollection<Document> keys() {
        return database.getCollection(KEYS);
    }

    /**
     * Lists key {@code id} under the day of {@code triedAt}, before it is first tried or tried again under it: a key
     * listed and then not tried is deleted only once expired anyway.
     */
    void listed(String id, long triedAt) {
        try {
            database.getCollection(LISTED_ON + Math.floorDiv(triedAt, DAY)).insertOne(new Document("_id", id));
        } catch (MongoWriteException listedAlready) {
            if (listedAlready.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw listedAlready;
            }
        }
    }

    /** Deletes, each hour and at start, the keys of every day that is {@code kept} behind. */
    @Scheduled(initialDelay = 0, fixedDelay = 3_600_000)
    void deleteExpired() {
        try {
            deleteExpired(clock.millis());
        } catch (MongoException storeAway) {
            log.warn("Idempotency keys past their time not deleted now (the store is away): {}",
                    storeAway.getMessage());
        }
    }

    /**
     * Deletes the keys listed under each day that ended {@code kept} or more before {@code now}, unless tried again
     * since (they are listed under that later day too), then drops the day's list.
     */
    void deleteExpired(long now) {
        long cutoff = now - kept.toMillis();
        List<String> days = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            String day = name.startsWith(LISTED_ON) ? name.substring(LISTED_ON.length()) : "";
            if (!day.isEmpty() && day.chars().allMatch(Character::isDigit)
                    && (Long.parseLong(day) + 1) * DAY <= cutoff) {
                days.add(name);
            }
        }
        for (String day : days) {
            MongoCollection<Document> listed = database.getCollection(day);
            List<String> ids = new ArrayList<>(BATCH);
            for (Document key : listed.find().batchSize(BATCH)) {
                ids.add(key.getString("_id"));
                if (ids.size() == BATCH) {
                    deleteOlder(ids, cutoff);
                    ids.clear();
                }
            }
            deleteOlder(ids, cutoff);
            listed.drop();
        }
    }

    /**
     * Deletes those of {@code ids} last tried before {@code cutoff}. Both steps name the keys by id alone, which the
     * embedded store answers from its index (a filter on anything else besides reads every key). A key that expires
     * and is asked afresh between the two steps loses its new try's record: its retry then runs the command again
     * under new ids, as after any lost key.
     */
    private void deleteOlder(List<String> ids, long cutoff) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> older = new ArrayList<>();
        keys().find(in("_id", ids)).projection(new Document("at", 1)).forEach(key -> {
            if (key.get("at") instanceof Number at && at.longValue() < cutoff) {
                older.add(key.getString("_id"));
            }
        });
        if (!older.isEmpty()) {
            keys().deleteMany(in("_id", older));
        }
    }
}
