package org.hls.query.history;

import java.util.Arrays;

/**
 * Growable columns of primitives: a history of a million facts costs a few arrays, not a million objects.
 */
final class Columns {

    private Columns() {
    }

    static final class Longs {

        private long[] values = new long[256];
        private int size;

        int add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size] = value;
            return size++;
        }

        long get(int index) {
            return values[index];
        }

        void set(int index, long value) {
            values[index] = value;
        }

        int size() {
            return size;
        }
    }

    static final class Ints {

        private int[] values = new int[256];
        private int size;

        int add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size] = value;
            return size++;
        }

        int get(int index) {
            return values[index];
        }

        void set(int index, int value) {
            values[index] = value;
        }

        int size() {
            return size;
        }
    }

    static final class Bytes {

        private byte[] values = new byte[256];
        private int size;

        int add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size] = (byte) value;
            return size++;
        }

        int get(int index) {
            return values[index];
        }

        void set(int index, int value) {
            values[index] = (byte) value;
        }
    }
}
