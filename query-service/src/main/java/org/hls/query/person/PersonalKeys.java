package org.hls.query.person;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.events.Actor;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.history.HistoryObserver;
import org.hls.query.projection.ProjectedEvent;

/**
 * The keys that open people's sealed words, which command-service makes and destroys in a collection of its own; this
 * service only reads them, when it shows what someone said.
 * <p>
 * A key read once is kept in memory, so a dashboard shows recent words while the store is away. A key never changes,
 * and is only ever destroyed by a withdrawal, which the live history of every instance applies: this instance then
 * forgets it for good, as every view already reads that person's words {@code [withdrawn]} from the same event. The key
 * of a pseudonym (learning shared without a name) is never kept: no event says when its author withdrew, so it is read
 * each time, and its destruction shows at once.
 */
public class PersonalKeys implements HistoryObserver {

    /** What a destroyed key reads as: the person withdrew consent. */
    static final byte[] DESTROYED = new byte[0];

    private final MongoCollection<Document> keys;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    public PersonalKeys(MongoDatabase personalKeysDatabase) {
        this.keys = personalKeysDatabase.getCollection("personal_keys");
    }

    @Override
    public void applied(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ConsentWithdrawn withdrawn) {
                known.put(withdrawn.personId(), DESTROYED);
            }
        }
    }

    /**
     * The keys of those of {@code personIds} who have one, {@link #DESTROYED} once withdrawn: from memory, the rest in
     * one exact-key lookup.
     */
    Map<String, byte[]> of(Collection<String> personIds) {
        Map<String, byte[]> found = inMemory(personIds);
        List<String> unknown = personIds.stream().filter(personId -> !found.containsKey(personId)).distinct()
                .toList();
        if (!unknown.isEmpty()) {
            keys.find(new Document("_id", new Document("$in", unknown))).forEach(person -> {
                Binary key = person.get("key", Binary.class);
                byte[] read = key == null ? DESTROYED : key.getData();
                String id = person.getString("_id");
                // A withdrawal applied meanwhile wins over the key read before it.
                found.put(id, Actor.isPseudonym(id) ? read
                        : known.merge(id, read, (kept, fresh) -> kept == DESTROYED ? DESTROYED : fresh));
            });
        }
        return found;
    }

    /**
     * What {@code personIds} said as far as the keys in memory tell, without asking the store: the words of anyone
     * whose key is not in memory read {@code [withdrawn]} here, so a caller shows those only once it can read them.
     */
    public Words wordsInMemory(Collection<String> personIds, Collection<String> withdrawn) {
        return new Words(inMemory(personIds), Set.copyOf(withdrawn));
    }

    /** Whether {@code personId}'s key (or its destruction) is in memory. */
    public boolean inMemory(String personId) {
        return known.containsKey(personId);
    }

    /** What {@code personIds} said, withdrawn for {@code withdrawn} as well as for those whose key is destroyed. */
    public Words wordsOf(Collection<String> personIds, Collection<String> withdrawn) {
        return new Words(of(personIds), Set.copyOf(withdrawn));
    }

    /** The keys (or their destruction) of those of {@code personIds} held in memory. */
    private Map<String, byte[]> inMemory(Collection<String> personIds) {
        Map<String, byte[]> found = new HashMap<>();
        personIds.forEach(personId -> {
            byte[] key = known.get(personId);
            if (key != null) {
                found.put(personId, key);
            }
        });
        return found;
    }
}
