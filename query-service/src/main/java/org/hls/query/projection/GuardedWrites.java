package org.hls.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;

/**
 * Single-document writes guarded by the progress the document carries: the filter matches only a document that has
 * not applied this progress yet, so a repeat changes nothing.
 */
public final class GuardedWrites {

    private GuardedWrites() {
    }

    /** The filter for document {@code id} whose {@code field} (a sequence or position) is still below {@code value}. */
    public static Document unapplied(String id, String field, long value) {
        return new Document("_id", id).append(field, new Document("$lt", value));
    }

    /**
     * Applies {@code update} if the guard in {@code unapplied} lets it, creating the document when {@code create};
     * {@code false} when the document has applied it already (or, without {@code create}, does not exist). A
     * document already past the guard answers a duplicate key to the upsert, which is that no-op; so does one another
     * write created between this one's match and insert (MongoDB retries such an upsert itself only when its filter is
     * the id alone), which the update is then tried on once more.
     */
    public static boolean updateUnlessApplied(MongoCollection<Document> collection, Document unapplied, Document update,
                                              boolean create) {
        try {
            UpdateResult result = collection.updateOne(unapplied, update, new UpdateOptions().upsert(create));
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return collection.updateOne(unapplied, update).getMatchedCount() > 0;
            }
            throw e;
        }
    }

    /**
     * Applies {@code writes} in order, in one round trip when none was applied before: a write whose document has
     * applied it already answers a duplicate key to its upsert, and the writes after it are sent again.
     */
    public static void updateAllUnlessApplied(MongoCollection<Document> collection,
                                              List<UpdateOneModel<Document>> writes) {
        int from = 0;
        while (from < writes.size()) {
            try {
                collection.bulkWrite(writes.subList(from, writes.size()), new BulkWriteOptions().ordered(true));
                return;
            } catch (MongoBulkWriteException e) {
                BulkWriteError error = e.getWriteErrors().get(0);
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                from += error.getIndex() + 1;
            }
        }
    }

    /**
     * Adds to each document's set {@code field} the values given for its id, creating the document, in one round trip:
     * a value there already changes nothing, so no guard is needed.
     */
    public static void addToSets(MongoCollection<Document> collection, String field,
                                 Map<String, ? extends Collection<?>> values) {
        if (values.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        values.forEach((id, added) -> writes.add(new UpdateOneModel<>(new Document("_id", id),
                new Document("$addToSet", new Document(field, new Document("$each", List.copyOf(added)))),
                new UpdateOptions().upsert(true))));
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
}
