package org.hls.command.person;

import static com.mongodb.client.model.Filters.eq;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.events.SealedText;
import org.hls.events.person.ConsentWithdrawn;
import org.springframework.stereotype.Component;

/**
 * Each person's key, which seals their words in every event ({@link SealedText}), kept in a collection of its own that
 * query-service reads to show them. Withdrawing consent destroys the key: the person's words then read
 * {@code [withdrawn]} in every copy of every event (store, topic, read models, replays, exports), which never change.
 * <p>
 * A key is made when a person's words are first stored, before the event that holds them; it is destroyed by the
 * directory's tracking processor when it reaches the withdrawal, so a restart or a replay destroys it too. Words a
 * person writes after withdrawing are stored as {@code [withdrawn]}.
 */
@Component
@ProcessingGroup(KnownPeople.PROCESSING_GROUP)
public class PersonalKeys {

    /** What a person's words read once they withdrew consent. */
    public static final String WITHDRAWN = "[withdrawn]";

    private static final byte[] DESTROYED = new byte[0];

    private final MongoCollection<Document> keys;
    /** Keys never change once made, and a destroyed one is never made again: they are kept here once read. */
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    PersonalKeys(MongoDatabase personalKeysDatabase) {
        this.keys = personalKeysDatabase.getCollection("personal_keys");
    }

    /** {@code text} sealed with {@code personId}'s key, made now if they have none. */
    public String seal(String personId, String text) {
        byte[] key = known.computeIfAbsent(personId, this::storedOrNew);
        return key == DESTROYED ? WITHDRAWN : SealedText.seal(key, personId, text);
    }

    @EventHandler
    void on(ConsentWithdrawn withdrawn) {
        keys.replaceOne(eq("_id", withdrawn.personId()), new Document("_id", withdrawn.personId())
                .append("destroyed", true), new ReplaceOptions().upsert(true));
        known.put(withdrawn.personId(), DESTROYED);
    }

    private byte[] storedOrNew(String personId) {
        Document stored = keys.find(eq("_id", personId)).first();
        if (stored != null) {
            return keyOf(stored);
        }
        byte[] key = SealedText.newKey();
        try {
            keys.insertOne(new Document("_id", personId).append("key", new Binary(key)));
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another instance made this person's key first: theirs it is.
            return keyOf(keys.find(eq("_id", personId)).first());
        }
    }

    private static byte[] keyOf(Document stored) {
        Binary key = stored.get("key", Binary.class);
        return key == null ? DESTROYED : key.getData();
    }
}
