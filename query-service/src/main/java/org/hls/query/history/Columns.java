package org.hls.query.history;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * Growable columns of primitives, kept off the heap in chunks of {@value #CHUNK} values: a history of a million
 * facts costs the heap a few hundred chunk references, whatever its length, and growing a column never copies it.
 * The memory they take is direct memory ({@code -XX:MaxDirectMemorySize}), freed with the history that holds it.
 */
final class Columns {

    private static final int CHUNK_BITS = 13;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    private Columns() {
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /** {@code size} ints off the heap, each {@code value}. */
    static IntBuffer filledInts(int size, int value) {
        IntBuffer ints = direct(size * Integer.BYTES).asIntBuffer();
        for (int i = 0; i < size; i++) {
            ints.put(i, value);
        }
        return ints;
    }

    static final class Longs {

        private LongBuffer[] chunks = new LongBuffer[4];
        private int size;

        int add(long value) {
            int chunk = size >>> CHUNK_BITS;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = direct(CHUNK * Long.BYTES).asLongBuffer();
            }
            chunks[chunk].put(size & MASK, value);
            return size++;
        }

        long get(int index) {
            return chunks[index >>> CHUNK_BITS].get(index & MASK);
        }

        void set(int index, long value) {
            chunks[index >>> CHUNK_BITS].put(index & MASK, value);
        }

        int size() {
            return size;
        }
    }

    static final class Ints {

        private IntBuffer[] chunks = new IntBuffer[4];
        private int size;

        int add(int value) {
            int chunk = size >>> CHUNK_BITS;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = direct(CHUNK * Integer.BYTES).asIntBuffer();
            }
            chunks[chunk].put(size & MASK, value);
            return size++;
        }

        int get(int index) {
            return chunks[index >>> CHUNK_BITS].get(index & MASK);
        }

        void set(int index, int value) {
            chunks[index >>> CHUNK_BITS].put(index & MASK, value);
        }

        int size() {
            return size;
        }
    }

    static final class Bytes {

        private ByteBuffer[] chunks = new ByteBuffer[4];
        private int size;

        int add(int value) {
            int chunk = size >>> CHUNK_BITS;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = direct(CHUNK);
            }
            chunks[chunk].put(size & MASK, (byte) value);
            return size++;
        }

        int get(int index) {
            return chunks[index >>> CHUNK_BITS].get(index & MASK);
        }

        void set(int index, int value) {
            chunks[index >>> CHUNK_BITS].put(index & MASK, (byte) value);
        }
    }
}
