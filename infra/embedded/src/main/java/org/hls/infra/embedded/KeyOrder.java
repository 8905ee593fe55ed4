package org.hls.infra.embedded;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How a unique index's keys are ordered and kept in the store's file: each value of the key compared as MongoDB
 * orders values, and written as BSON behind a tag byte. H2's generic type compares objects it does not know by
 * serialising both on every step of a binary search, and writes them with Java serialisation: both took most of the
 * store's time under load. A key without the tag (an earlier version's, or one BSON cannot hold) is read as written.
 */
public final class KeyOrder extends ObjectDataType {

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
    /** Not a tag H2's generic type writes first (those are below 128). */
    private static final byte BSON = (byte) 0xFE;

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (key instanceof KeyValue values) {
            byte[] bson = bson(values);
            if (bson != null) {
                buffer.put(BSON).putVarInt(bson.length).put(bson);
                return;
            }
        }
        super.write(buffer, key);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return super.read(buffer);
        }
        buffer.get();
        byte[] bson = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bson);
        return new KeyValue(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)).values());
    }

    @Override
    public int getMemory(Object key) {
        return key instanceof KeyValue values ? 48 + 32 * values.size() : super.getMemory(key);
    }

    /** The key's values as a BSON document {"0": first, "1": second, …}; null for a value BSON cannot hold. */
    private static byte[] bson(KeyValue values) {
        Document document = new Document();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Missing) {
                return null;
            }
            document.put(Integer.toString(i), values.get(i));
        }
        ByteBuf buffer = Unpooled.buffer(64);
        BsonEncoder.encodeDocument(document, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

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
