package org.hls.command.person;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.events.SealedText;
import org.hls.events.actionlearning.SaidInASet;
import org.springframework.stereotype.Component;

/**
 * Each action learning set's own key, which seals (a second time, over the writer's seal) what is said in it, kept
 * beside the personal keys in a collection of its own. Only the set's read model in query-service opens it. A set's
 * key is made when the first thing said in it is stored, and never changes.
 */
@Component
public class SetKeys {

    private final MongoCollection<Document> keys;
    private final Cache<String, byte[]> known = Caffeine.newBuilder().maximumSize(10_000).build();

    SetKeys(MongoDatabase personalKeysDatabase) {
        this.keys = personalKeysDatabase.getCollection("set_keys");
    }

    /** {@code text} sealed with {@code setId}'s key, made now if it has none. */
    public String seal(String setId, String text) {
        return SealedText.seal(known.get(setId, this::storedOrNew), SaidInASet.keyName(setId), text);
    }

    /** Whether {@code text} is sealed with {@code setId}'s key already (an import of this deployment's replay). */
    public boolean sealedBy(String setId, String text) {
        return SealedText.isSealed(text) && SealedText.open(known.get(setId, this::storedOrNew),
                SaidInASet.keyName(setId), text).isPresent();
    }

    private byte[] storedOrNew(String setId) {
        Document stored = keys.find(eq("_id", setId)).first();
        if (stored != null) {
            return stored.get("key", Binary.class).getData();
        }
        byte[] key = SealedText.newKey();
        try {
            keys.insertOne(new Document("_id", setId).append("key", new Binary(key)));
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another instance made this set's key first: theirs it is.
            return keys.find(eq("_id", setId)).first().get("key", Binary.class).getData();
        }
    }
}
