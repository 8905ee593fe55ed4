package org.hls.command.web;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the {@link IdempotencyKeys} are kept: one collection per period of {@code hls.idempotency.kept}, named after
 * the period's number. A key is written into the current period's collection and looked up there, then in the one
 * before; once the current period is two past a collection's, every key in it is older than {@code kept}, and the
 * collection is dropped whole. What is kept then stays within two periods' commands, without deleting key by key or
 * scanning for old ones (which the embedded store answers by reading every document).
 */
@Component
class KeptKeys {

    private static final Logger log = LoggerFactory.getLogger(KeptKeys.class);

    static final String PREFIX = "idempotency_keys_";
    /** The one collection earlier releases kept every key in, for ever: still read, until it is dropped. */
    static final String BEFORE_PERIODS = "idempotency_keys";

    private final MongoDatabase database;
    private final long period;
    private final Clock clock;
    /** Whether the collection of releases before may still hold keys: looked up only then. */
    private volatile boolean beforePeriods = true;

    KeptKeys(MongoDatabase eventStoreDatabase, @Value("${hls.idempotency.kept}") Duration kept, Clock clock) {
        this.database = eventStoreDatabase;
        this.period = kept.toMillis();
        this.clock = clock;
    }

    /** A key found: the collection it is kept in (where its try goes on) and what it holds. */
    record Found(MongoCollection<Document> collection, Document key) {
    }

    /** Where a key first asked at {@code now} is written. */
    MongoCollection<Document> current(long now) {
        return database.getCollection(PREFIX + now / period);
    }

    /** The key of digest {@code id}, from the current period, the one before, or a release before periods; or null. */
    Found find(String id, long now) {
        List<MongoCollection<Document>> where = new ArrayList<>(List.of(current(now),
                database.getCollection(PREFIX + (now / period - 1))));
        if (beforePeriods) {
            where.add(database.getCollection(BEFORE_PERIODS));
        }
        for (MongoCollection<Document> collection : where) {
            Document key = collection.find(eq("_id", id)).first();
            if (key != null) {
                return new Found(collection, key);
            }
        }
        return null;
    }

    /** Drops, each hour and at start, the periods whose keys are all older than {@code kept}. */
    @Scheduled(initialDelay = 0, fixedDelay = 3_600_000)
    void dropExpired() {
        try {
            dropExpired(clock.millis());
        } catch (MongoException storeAway) {
            log.warn("Idempotency keys past their time not dropped now (the store is away): {}",
                    storeAway.getMessage());
        }
    }

    /**
     * Drops every period's collection two or more periods before {@code now}'s; and the collection of releases before
     * periods once this release has been writing for two periods (its first period's collection is that old), when
     * every key an older instance wrote there during a rolling upgrade is older than {@code kept} too.
     */
    void dropExpired(long now) {
        long current = now / period;
        List<Long> periods = new ArrayList<>();
        boolean before = false;
        for (String name : database.listCollectionNames()) {
            if (name.equals(BEFORE_PERIODS)) {
                before = true;
            } else if (name.startsWith(PREFIX) && name.substring(PREFIX.length()).chars().allMatch(Character::isDigit)
                    && name.length() > PREFIX.length()) {
                periods.add(Long.parseLong(name.substring(PREFIX.length())));
            }
        }
        if (before && periods.stream().anyMatch(first -> first <= current - 2)) {
            database.getCollection(BEFORE_PERIODS).drop();
            before = false;
        }
        beforePeriods = before;
        for (long old : periods) {
            if (old <= current - 2) {
                database.getCollection(PREFIX + old).drop();
            }
        }
    }
}
