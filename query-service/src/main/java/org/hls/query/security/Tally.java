package org.hls.query.security;

/**
 * A count and the records it counts, each named by the global position of the event that recorded it: the sum of
 * their keys and the earliest of them, which small-number control draws each figure's noise from, so that the same
 * records always read the same figure.
 */
public final class Tally {

    private long count;
    private int keys;
    private long first = Long.MAX_VALUE;

    /** One tally each for {@code count} values (of an enum, by ordinal). */
    public static Tally[] each(int count) {
        Tally[] tallies = new Tally[count];
        for (int i = 0; i < count; i++) {
            tallies[i] = new Tally();
        }
        return tallies;
    }

    /** A tally of {@code count} records whose keys add up to {@code keys}, the earliest at {@code first}. */
    static Tally of(long count, int keys, long first) {
        Tally tally = new Tally();
        tally.count = count;
        tally.keys = keys;
        tally.first = first;
        return tally;
    }

    /** Counts one more record, the one recorded at global {@code position}. */
    public void add(long position) {
        count++;
        keys += keyOf(position);
        first = Math.min(first, position);
    }

    public long count() {
        return count;
    }

    /** The records counted, as one number: the sum of their keys (overflowing as it will). */
    public int keys() {
        return keys;
    }

    /** The earliest record's position: records added later never change it. */
    public long first() {
        return first;
    }

    /**
     * A record's key: its position well mixed (MurmurHash3's finaliser), so that the sum of a few keys is spread over
     * every int. Not secret: the noise is keyed with the deployment's secret.
     */
    private static int keyOf(long position) {
        long mixed = position;
        mixed ^= mixed >>> 33;
        mixed *= 0xff51afd7ed558ccdL;
        mixed ^= mixed >>> 33;
        mixed *= 0xc4ceb9fe1a85ec53L;
        mixed ^= mixed >>> 33;
        return (int) mixed;
    }
}
