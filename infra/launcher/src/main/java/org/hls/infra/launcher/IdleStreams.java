package org.hls.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dashboard streams held open and read to the last byte, as idle wall screens on other machines would: one thread and
 * one buffer read them all, so that the benchmark's own reading takes as little as it can of the cores it measures
 * (an HTTP client object per stream took about as much CPU as the service writing to them). Each stream is counted
 * as opened when its answer is 200, as refused otherwise (then it is closed).
 */
final class IdleStreams implements AutoCloseable {

    private static final long READ_EVERY_MILLIS = 20;

    private final Selector selector;
    private final Thread reader;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closing;

    private IdleStreams(Selector selector) {
        this.selector = selector;
        this.reader = new Thread(this::readAll, "benchmark-idle-streams");
        this.reader.setDaemon(true);
    }

    /** Opens one stream of {@code url} for each of {@code tokens}. */
    static IdleStreams open(URI url, List<String> tokens) throws IOException {
        IdleStreams streams = new IdleStreams(Selector.open());
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        for (String token : tokens) {
            SocketChannel channel = SocketChannel.open(address);
            channel.write(ByteBuffer.wrap(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
                    + url.getPort() + "\r\nAccept: text/event-stream\r\nConnection: close\r\nAuthorization: Bearer "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(streams.selector, SelectionKey.OP_READ, new boolean[1]);
        }
        streams.reader.start();
        return streams;
    }

    /** Streams the server has answered, whatever it answered. */
    long answered() {
        return answered.get();
    }

    /** Streams answered 200 and open still (the request asks the server to close a stream it ends). */
    long opened() {
        return opened.get();
    }

    long refused() {
        return refused.get();
    }

    private void readAll() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        byte[] status = new byte[12];
        try {
            while (!closing) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    read(key, buffer, status);
                }
                selector.selectedKeys().clear();
                // A screen elsewhere reads on its own machine; here a reader woken for every frame would cost the
                // writer a wakeup per write (on loopback the sender runs the receiver's TCP): read what came every
                // few milliseconds instead.
                Thread.sleep(READ_EVERY_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(SelectionKey key, ByteBuffer buffer, byte[] status) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        boolean[] counted = (boolean[]) key.attachment();
        buffer.clear();
        try {
            int read = channel.read(buffer);
            if (read < 0) {
                closed(key, counted);
            } else if (!counted[0] && read >= status.length) {
                buffer.flip().get(status);
                // "HTTP/1.1 200"
                answered.incrementAndGet();
                if (new String(status, StandardCharsets.US_ASCII).endsWith(" 200")) {
                    counted[0] = true;
                    opened.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                    key.cancel();
                    channel.close();
                }
            }
        } catch (IOException reset) {
            closed(key, counted);
        }
    }

    /** A stream the server ended is no longer counted as open. */
    private void closed(SelectionKey key, boolean[] counted) throws IOException {
        key.cancel();
        key.channel().close();
        if (counted[0]) {
            counted[0] = false;
            opened.decrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        selector.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
