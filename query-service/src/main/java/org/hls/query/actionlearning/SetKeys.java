package org.hls.query.actionlearning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.events.SealedText;
import org.hls.events.actionlearning.SaidInASet;

/**
 * The keys of action learning sets, which command-service makes beside the personal keys: what is said in a set is
 * sealed with its writer's key and then with the set's. Only the set's read model opens the set's seal, for the set's
 * members and facilitator; the writer's seal is then opened as any person's words are. Read by exact key, kept in
 * memory once read: a set's key never changes.
 */
public class SetKeys {

    private final MongoCollection<Document> keys;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    public SetKeys(MongoDatabase personalKeysDatabase) {
        this.keys = personalKeysDatabase.getCollection("set_keys");
    }

    /**
     * What opens the set's seal on what is said in {@code setId}: the writer's sealed words within; text not sealed
     * with the set's key (said before sets had keys) as it is.
     */
    UnaryOperator<String> openerOf(String setId) {
        byte[] key = known.computeIfAbsent(setId, this::stored);
        String boundTo = SaidInASet.keyName(setId);
        return text -> text == null || key == null || !SealedText.isSealed(text) ? text
                : SealedText.open(key, boundTo, text).orElse(text);
    }

    /** The set's key, or {@code null} while it has none (nothing said in it yet): not kept, so it is asked again. */
    private byte[] stored(String setId) {
        Document stored = keys.find(new Document("_id", setId)).first();
        return stored == null ? null : stored.get("key", Binary.class).getData();
    }
}
