package org.hls.infra.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order of a unique index's keys in the store's file: each value of the key compared as MongoDB orders values.
 * H2's generic type compares objects it does not know by serialising both on every step of a binary search, which
 * took most of the store's time under load. Keys are still written and read as before.
 */
public final class KeyOrder extends ObjectDataType {

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int size = Math.min(left.size(), right.size());
            for (int i = 0; i < size; i++) {
                int order = compareValues(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return super.compare(a, b);
    }

    /** Strings and longs, the usual keys, directly; every other pair as MongoDB orders values. */
    @SuppressWarnings("unchecked")
    private static int compareValues(Object a, Object b) {
        if (a != null && b != null && a.getClass() == b.getClass()
                && (a instanceof String || a instanceof Long || a instanceof Integer)) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        return VALUES.compare(a, b);
    }
}
