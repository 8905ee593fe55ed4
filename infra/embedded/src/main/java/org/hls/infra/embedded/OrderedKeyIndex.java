package org.hls.infra.embedded;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A unique index of the H2 backend whose keys are kept in {@link KeyOrder}: as the backend's own, but a lookup costs
 * comparisons of values, not serialisations. An index the backend's own kind kept before is copied over once.
 */
final class OrderedKeyIndex extends AbstractUniqueIndex<Object> {

    private final MVStore store;
    private final MVMap<KeyValue, Object> keys;

    private OrderedKeyIndex(MVStore store, MVMap<KeyValue, Object> keys, String name, List<IndexKey> indexKeys,
                            boolean sparse) {
        super(name, indexKeys, sparse);
        this.store = store;
        this.keys = keys;
    }

    /** Opens the index kept in map {@code mapName}, first copying it from the backend's own map of that name. */
    static OrderedKeyIndex open(MVStore store, String mapName, String name, List<IndexKey> indexKeys,
                                boolean sparse) {
        MVMap<KeyValue, Object> keys = store.openMap(mapName + ".ordered",
                new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
        if (keys.isEmpty() && store.hasMap(mapName)) {
            MVMap<KeyValue, Object> before = store.openMap(mapName);
            for (Map.Entry<KeyValue, Object> entry : before.entrySet()) {
                keys.put(entry.getKey(), entry.getValue());
            }
            store.removeMap(before);
        }
        return new OrderedKeyIndex(store, keys, name, indexKeys, sparse);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return keys.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return keys.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return keys.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return keys.get(key);
    }

    @Override
    public long getCount() {
        return keys.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        store.removeMap(keys);
    }
}
