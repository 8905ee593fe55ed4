package org.hls.query.history;

import java.nio.IntBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The rows of a table by the ids of their aggregates. The ids this platform issues are UUIDs: those are kept as two
 * longs in an open-addressing table off the heap (about 30 bytes a row instead of about 150 for a string in a map);
 * any other id is kept as it is.
 */
final class IdIndex {

    private static final int EMPTY = -1;

    private final Columns.Longs high = new Columns.Longs();
    private final Columns.Longs low = new Columns.Longs();
    private final Map<String, Integer> others = new HashMap<>();
    private final Map<Integer, String> otherIds = new HashMap<>();
    private IntBuffer slots = Columns.filledInts(1024, EMPTY);
    private int rows;

    /** The row of {@code id}, or -1. */
    int find(String id) {
        UUID uuid = uuidOf(id);
        if (uuid == null) {
            return others.getOrDefault(id, EMPTY);
        }
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int slot = slotOf(hi, lo); ; slot = (slot + 1) & (slots.capacity() - 1)) {
            int row = slots.get(slot);
            if (row == EMPTY || high.get(row) == hi && low.get(row) == lo) {
                return row;
            }
        }
    }

    /** Gives {@code id} the next row, which must be the row the caller adds; returns it. */
    int add(String id) {
        int row = rows++;
        UUID uuid = uuidOf(id);
        if (uuid == null) {
            high.add(0);
            low.add(0);
            others.put(id, row);
            otherIds.put(row, id);
            return row;
        }
        high.add(uuid.getMostSignificantBits());
        low.add(uuid.getLeastSignificantBits());
        if (rows * 2 > slots.capacity()) {
            grow();
        }
        place(row);
        return row;
    }

    String idOf(int row) {
        String other = otherIds.get(row);
        return other != null ? other : new UUID(high.get(row), low.get(row)).toString();
    }

    private void place(int row) {
        int slot = slotOf(high.get(row), low.get(row));
        while (slots.get(slot) != EMPTY) {
            slot = (slot + 1) & (slots.capacity() - 1);
        }
        slots.put(slot, row);
    }

    private void grow() {
        slots = Columns.filledInts(slots.capacity() * 2, EMPTY);
        for (int row = 0; row < rows; row++) {
            if (!otherIds.containsKey(row)) {
                place(row);
            }
        }
    }

    private int slotOf(long hi, long lo) {
        long mixed = (hi ^ Long.rotateLeft(lo, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & (slots.capacity() - 1);
    }

    /** The UUID an id spells exactly as {@link UUID#toString()} would, or {@code null}; read in one pass. */
    private static UUID uuidOf(String id) {
        if (id.length() != 36) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return null;
            }
            if (i < 18) {
                hi = hi << 4 | digit;
            } else {
                lo = lo << 4 | digit;
            }
        }
        return new UUID(hi, lo);
    }
}
