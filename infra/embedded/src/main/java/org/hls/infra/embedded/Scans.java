package org.hls.infra.embedded;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queries the store answered by reading a whole collection, by shape (the query's field names and operators,
 * not its values): each shape is logged once, and tests read them all.
 * A collection of a few documents ({@link #SMALL}) is read whole without cost and not reported.
 */
public final class Scans {

    static final int SMALL = 64;
    private static final Logger log = LoggerFactory.getLogger(Scans.class);

    private final Set<String> byShape = ConcurrentHashMap.newKeySet();

    void scanned(String namespace, Document query, int documents) {
        if (documents <= SMALL) {
            return;
        }
        String shape = shape(query);
        if (byShape.add(namespace + " " + shape)) {
            log.warn("The store read every document of {} ({} documents) to answer {}; a hot query needs an exact "
                    + "key on a unique index", namespace, documents, shape);
        }
    }

    /** Each scanning query's shape, for example {@code hls.feed_entries {"day": ?, "theme": {"$in": ?}}}. */
    public List<String> shapes() {
        return byShape.stream().sorted().toList();
    }

    private static String shape(Object value) {
        if (value instanceof Document document) {
            StringBuilder shape = new StringBuilder("{");
            document.forEach((key, inner) -> shape.append(shape.length() > 1 ? ", " : "").append('"').append(key)
                    .append("\": ").append(shape(inner)));
            return shape.append('}').toString();
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Document) {
            return "[" + shape(list.get(0)) + ", …]";
        }
        return "?";
    }
}
