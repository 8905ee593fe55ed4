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

    /** The chunks of one column and how many values it holds; a chunk is allocated when the first value needs it. */
    private abstract static class Chunked<B> {

        /** A plain array, as readers on other threads read it without a lock (History publishes what they may). */
        private Object[] chunks = new Object[4];
        private int size;

        abstract B newChunk();

        /** The chunk the next value goes into, at {@link #offset} of {@link #size}. */
        final B chunkForNext() {
            int chunk = size >>> CHUNK_BITS;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = newChunk();
            }
            return chunkOf(size);
        }

        @SuppressWarnings("unchecked")
        final B chunkOf(int index) {
            return (B) chunks[index >>> CHUNK_BITS];
        }

        static int offset(int index) {
            return index & MASK;
        }

        final int next() {
            return size++;
        }

        final int size() {
            return size;
        }
    }

    static final class Longs extends Chunked<LongBuffer> {

        @Override
        LongBuffer newChunk() {
            return direct(CHUNK * Long.BYTES).asLongBuffer();
        }

        int add(long value) {
            chunkForNext().put(offset(size()), value);
            return next();
        }

        long get(int index) {
            return chunkOf(index).get(offset(index));
        }

        void set(int index, long value) {
            chunkOf(index).put(offset(index), value);
        }
    }

    static final class Ints extends Chunked<IntBuffer> {

        @Override
        IntBuffer newChunk() {
            return direct(CHUNK * Integer.BYTES).asIntBuffer();
        }

        int add(int value) {
            chunkForNext().put(offset(size()), value);
            return next();
        }

        int get(int index) {
            return chunkOf(index).get(offset(index));
        }

        void set(int index, int value) {
            chunkOf(index).put(offset(index), value);
        }
    }

    static final class Bytes extends Chunked<ByteBuffer> {

        @Override
        ByteBuffer newChunk() {
            return direct(CHUNK);
        }

        int add(int value) {
            chunkForNext().put(offset(size()), (byte) value);
            return next();
        }

        int get(int index) {
            return chunkOf(index).get(offset(index));
        }

        void set(int index, int value) {
            chunkOf(index).put(offset(index), (byte) value);
        }
    }
}
