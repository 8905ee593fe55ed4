package org.hls.infra.embedded;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How a collection's documents are kept in the store's file: as BSON, the wire protocol's own encoding, behind a
 * tag byte. H2's generic type writes them with Java serialisation, which took most of the store's time reading and
 * checkpointing pages under load. A value without the tag was written that way by an earlier version and is read
 * as it was written; its page is rewritten as BSON the next time it changes.
 */
final class BsonDocuments extends BasicDataType<Document> {

    /** Not a tag H2's generic type writes first (those are below 128). */
    private static final byte BSON = (byte) 0xFE;
    private static final ObjectDataType BEFORE = new ObjectDataType();

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, bson);
        buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) BEFORE.read(buffer);
        }
        buffer.get();
        int at = buffer.position(); // BSON begins with its length, little-endian
        int length = (buffer.get(at) & 0xFF) | (buffer.get(at + 1) & 0xFF) << 8 | (buffer.get(at + 2) & 0xFF) << 16
                | (buffer.get(at + 3) & 0xFF) << 24;
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** An estimate for H2's page cache, without encoding the document. */
    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 32;
            for (Object inner : values) {
                size += 8 + estimate(inner);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 40 + text.length();
        }
        return 24;
    }
}
