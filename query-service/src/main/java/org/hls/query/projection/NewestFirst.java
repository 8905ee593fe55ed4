package org.hls.query.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/**
 * A list of ids kept in one document as they arrived, read newest first by each one's position in the whole history:
 * different aggregates arrive from different partitions, and after a backlog or a rebuild not in the order they
 * happened. Each id is listed in a field and, with its position, in that field's {@code Positions}; both are added to
 * as sets, so an event delivered again changes nothing.
 */
public final class NewestFirst {

    private NewestFirst() {
    }

    /** The update that lists {@code id} at {@code position} in {@code field}. */
    public static Document listing(String field, String id, long position) {
        return new Document("$addToSet", new Document(field, id)
                .append(field + "Positions", new Document("id", id).append("position", position)));
    }

    /**
     * The ids {@code listed} holds in {@code field} (none when {@code null}), newest first: by position where it is
     * known, then, for those listed before positions were kept, newest arrived first.
     */
    public static List<String> of(Document listed, String field) {
        if (listed == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(listed.getList(field, String.class, List.of()));
        Collections.reverse(ids);
        Map<String, Long> positions = new HashMap<>();
        listed.getList(field + "Positions", Document.class, List.of())
                .forEach(item -> positions.put(item.getString("id"), item.getLong("position")));
        ids.sort(Comparator.comparingLong((String id) -> positions.getOrDefault(id, Long.MIN_VALUE)).reversed());
        return ids;
    }
}
