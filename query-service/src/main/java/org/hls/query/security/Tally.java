package org.hls.query.security;

import java.util.Arrays;

/**
 * A count and the records it counts, each named by the global position of the event that recorded it, in parts: one
 * per group of people the records came from (the team, of its organisation, their authors work in). Small-number
 * control draws each part's noise from its own records (the sum of their keys, and the earliest of them), so that
 * the same records always read the same figure, and so that records one group adds move only that group's part.
 */
public final class Tally {

    private static final int[] NONE = {};
    /** How many of each part's earliest records it keeps: small-number control reads them all below its threshold. */
    static final int EARLIEST = 9;

    private long count;
    /**
     * Each part's group, count, key sum and the sum of its values (for a mean), in the order the parts were first
     * counted.
     */
    private int[] groups = NONE;
    private int[] counts = NONE;
    private int[] keys = NONE;
    /** Each part's earliest records, {@link #EARLIEST} a part, earliest first. */
    private long[] earliest = new long[0];
    private long[] sums = new long[0];
    private int parts;
    /** Open addressing from a group to its part (plus one; 0 is free): wide views count records of many groups. */
    private int[] index = NONE;

    /** One tally each for {@code count} values (of an enum, by ordinal). */
    public static Tally[] each(int count) {
        Tally[] tallies = new Tally[count];
        for (int i = 0; i < count; i++) {
            tallies[i] = new Tally();
        }
        return tallies;
    }

    /**
     * {@code count} records of one group, whose keys add up to {@code keys}, the earliest at {@code first} and the
     * others each one position after the one before, and whose values add up to {@code sum}.
     */
    static Tally of(long count, int keys, long first, long sum) {
        Tally tally = new Tally();
        tally.part(0);
        tally.count = count;
        tally.counts[0] = (int) count;
        tally.keys[0] = keys;
        for (int record = 0; record < Math.min(count, EARLIEST); record++) {
            tally.earliest[record] = first + record;
        }
        tally.sums[0] = sum;
        return tally;
    }

    /** Counts one more record, the one recorded at global {@code position} by someone of {@code group}. */
    public void add(long position, int group) {
        add(position, group, 0);
    }

    /** Counts one more record, of {@code value} (a score), recorded at {@code position} by someone of {@code group}. */
    public void add(long position, int group, long value) {
        int part = part(group);
        count++;
        counts[part]++;
        keys[part] += keyOf(position);
        sums[part] += value;
        // Insertion into the part's few earliest, as a sorted run: a record later than all of them is the common case.
        int from = part * EARLIEST;
        int kept = Math.min(counts[part], EARLIEST);
        int at = kept - 1;
        if (counts[part] > EARLIEST) {
            if (position >= earliest[from + EARLIEST - 1]) {
                return;
            }
            at = EARLIEST - 1;
        }
        while (at > 0 && earliest[from + at - 1] > position) {
            earliest[from + at] = earliest[from + at - 1];
            at--;
        }
        earliest[from + at] = position;
    }

    public long count() {
        return count;
    }

    /** How many groups its records came from: its parts are numbered from 0 to below it. */
    public int parts() {
        return parts;
    }

    /** How many records a part counts. */
    public long count(int part) {
        return counts[part];
    }

    /** A part's records as one number: the sum of their keys (overflowing as it will). */
    public int keys(int part) {
        return keys[part];
    }

    /** A part's earliest record. */
    public long first(int part) {
        return earliest[part * EARLIEST];
    }

    /** A part's {@code nth} earliest record, from 0, while {@code nth} is below its count and {@link #EARLIEST}. */
    public long earliest(int part, int nth) {
        return earliest[part * EARLIEST + nth];
    }

    /** The sum of a part's values. */
    public long sum(int part) {
        return sums[part];
    }

    /** The part of {@code group}'s records; -1 for none. */
    public int partOf(int group) {
        if (index.length == 0) {
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = mix(group) & mask; ; slot = (slot + 1) & mask) {
            int part = index[slot] - 1;
            if (part < 0 || groups[part] == group) {
                return part;
            }
        }
    }

    private int part(int group) {
        if (2 * (parts + 1) > index.length) {
            grow();
        }
        int mask = index.length - 1;
        for (int slot = mix(group) & mask; ; slot = (slot + 1) & mask) {
            int part = index[slot] - 1;
            if (part < 0) {
                groups[parts] = group;
                index[slot] = ++parts;
                return parts - 1;
            }
            if (groups[part] == group) {
                return part;
            }
        }
    }

    private void grow() {
        int capacity = Math.max(2, groups.length * 2);
        groups = Arrays.copyOf(groups, capacity);
        counts = Arrays.copyOf(counts, capacity);
        keys = Arrays.copyOf(keys, capacity);
        earliest = Arrays.copyOf(earliest, capacity * EARLIEST);
        sums = Arrays.copyOf(sums, capacity);
        index = new int[2 * capacity];
        int mask = index.length - 1;
        for (int part = 0; part < parts; part++) {
            int slot = mix(groups[part]) & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = part + 1;
        }
    }

    private static int mix(int group) {
        int mixed = group * 0x9E3779B9;
        return mixed ^ mixed >>> 16;
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
