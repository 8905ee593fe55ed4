package org.hls.infra.embedded;

import java.util.Collection;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * The H2 backend's collection, answering a query through a unique index whenever the query gives each of the
 * index's fields a value or an {@code $in} list, whatever else it asks: mongo-java-server uses an index only for a
 * query on exactly its fields, and reads every document for any other (seconds on a large collection). The rest of
 * the query is checked on the indexed documents only, so an {@code $in} of n values costs n lookups, not n
 * comparisons per document. A query no index answers is still read whole, and told to {@link Scans}.
 */
final class KeyedH2Collection extends H2Collection {

    private final Supplier<Scans> scans;

    KeyedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                      MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                      CursorRegistry cursorRegistry, Supplier<Scans> scans) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.scans = scans;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        for (Index<Object> index : getIndexes()) {
            Document keys = new Document();
            Document rest = new Document();
            query.forEach((field, value) -> (index.getKeys().stream().anyMatch(key -> key.getKey().equals(field))
                    ? keys : rest).put(field, value));
            if (keys.size() == index.getKeys().size() && keys.values().stream().allMatch(KeyedH2Collection::exact)
                    && index.canHandle(keys)) {
                return matchDocuments(rest, index.getPositions(keys), orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The full-scan path: every query an index answers goes through the other {@code matchDocuments}. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Scans watcher = scans.get();
        if (watcher != null) { // null while the backend opens the databases of its file
            watcher.scanned(getFullName(), query, count());
        }
        return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** A value the index finds by key: a plain value or {@code {$in: [...]}}, not another operator. */
    private static boolean exact(Object value) {
        if (value instanceof Document document) {
            return document.keySet().stream().noneMatch(key -> key.startsWith("$"))
                    || (document.size() == 1 && document.get("$in") instanceof Collection<?>);
        }
        return !(value instanceof Pattern);
    }
}
