package org.hls.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The store's write-ahead journal, as MongoDB keeps one: every write command, in the order it was applied, appended
 * to a file beside the data file. A write that asks to be journaled is answered once the journal is synced up to it,
 * and one sync serves every write waiting (group commit): a small sequential write, where committing the data file
 * would rewrite every page changed since the last commit. The data file is committed now and then (a checkpoint),
 * and the journal then starts again; after a crash, the entries after the last checkpoint are applied again.
 * <p>
 * An entry: its length, its sequence number, a CRC-32C of the command, the command as BSON. A torn last entry (the
 * power went while it was written, so it was never acknowledged) fails its check and ends the journal.
 * <p>
 * The file is written full of zeros once, and a restart writes again from its start instead of truncating it, as
 * databases keep their write-ahead logs: a sync of a file whose size does not change writes its own pages only, where
 * a growing file's sync also commits the file system's journal, and waits for whatever else (the data file's pages)
 * that carries. Entries left from before a restart end the journal where their numbering does not follow on.
 */
final class Journal implements AutoCloseable {

    private static final int HEADER = Integer.BYTES + Long.BYTES + Integer.BYTES;
    /** Written once when the journal is new; a busy spell beyond it grows the file, and it stays that size. */
    static final int PREALLOCATED = 16 * 1024 * 1024;

    private final FileChannel file;
    private final ReentrantLock syncing = new ReentrantLock();
    private long appended;
    private volatile long synced;

    private Journal(FileChannel file, long appended) {
        this.file = file;
        this.appended = appended;
        this.synced = appended;
    }

    /** Opens the journal at {@code path}; entries it holds already are read with {@link #entriesAfter}. */
    static Journal open(Path path) {
        FileChannel file = null;
        try {
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (file.size() < PREALLOCATED) {
                ByteBuffer zeros = ByteBuffer.allocate(1024 * 1024);
                for (long at = file.size(); at < PREALLOCATED; at += zeros.capacity()) {
                    zeros.clear();
                    while (zeros.hasRemaining()) {
                        file.write(zeros, at + zeros.position());
                    }
                }
                file.force(true);
            }
            return new Journal(file, 0);
        } catch (IOException e) {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // Not opened after all.
                }
            }
            throw new UncheckedIOException("Cannot open the store's journal " + path, e);
        }
    }

    /**
     * The commands after {@code sequence}, in order; the journal then appends after its last whole entry, numbering on
     * from the highest sequence seen or {@code sequence}. The entries end at the first torn one, at zeros, or where an
     * entry's number does not follow the one before (what is left there was written before the last restart).
     */
    synchronized List<Document> entriesAfter(long sequence) {
        List<Document> commands = new ArrayList<>();
        long last = sequence;
        long previous = 0;
        try {
            long position = 0;
            long size = file.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (position + HEADER <= size) {
                header.clear();
                file.read(header, position);
                header.flip();
                int length = header.getInt();
                long entry = header.getLong();
                int crc = header.getInt();
                if (length <= 0 || position + HEADER + length > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                file.read(body, position + HEADER);
                if (crcOf(body.array()) != crc || position > 0 && entry != previous + 1) {
                    break;
                }
                previous = entry;
                if (entry > sequence) {
                    commands.add(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(body.array())));
                }
                last = Math.max(last, entry);
                position += HEADER + length;
            }
            file.position(position);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store's journal", e);
        }
        appended = last;
        synced = last;
        return commands;
    }

    /** Appends {@code command} (not yet synced) and returns its sequence number. */
    synchronized long append(Document command) {
        ByteBuf encoded = Unpooled.buffer();
        BsonEncoder.encodeDocument(command, encoded);
        byte[] body = new byte[encoded.readableBytes()];
        encoded.readBytes(body);
        long sequence = appended + 1;
        ByteBuffer entry = ByteBuffer.allocate(HEADER + body.length);
        entry.putInt(body.length).putLong(sequence).putInt(crcOf(body)).put(body).flip();
        long start = -1;
        try {
            start = file.position();
            while (entry.hasRemaining()) {
                file.write(entry);
            }
        } catch (IOException e) {
            backTo(start); // a torn entry ends the journal: the next one must not land after it
            throw new UncheckedIOException("Cannot write the store's journal", e);
        }
        appended = sequence;
        return sequence;
    }

    private void backTo(long position) {
        try {
            if (position >= 0) {
                file.position(position);
            }
        } catch (IOException ignored) {
            // The file is gone with its device: the store starts again from what it holds.
        }
    }

    /** How far the journal is written since it last started again, in bytes. */
    synchronized long length() {
        try {
            return file.position();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store's journal", e);
        }
    }

    /** The sequence number of the last entry appended. */
    synchronized long appended() {
        return appended;
    }

    /** Returns once the journal is on the disk up to {@code sequence}; whoever syncs, syncs for everyone waiting. */
    void awaitSynced(long sequence) {
        if (synced >= sequence) {
            return;
        }
        syncing.lock();
        try {
            if (synced >= sequence) {
                return;
            }
            long upTo = appended();
            file.force(false);
            synced = upTo;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sync the store's journal", e);
        } finally {
            syncing.unlock();
        }
    }

    /** Writes again from the start once a synced checkpoint holds all the journal held; numbering goes on. */
    synchronized void restart() {
        try {
            file.position(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart the store's journal", e);
        }
        synced = appended;
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int crcOf(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }
}
