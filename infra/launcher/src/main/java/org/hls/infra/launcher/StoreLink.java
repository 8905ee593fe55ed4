package org.hls.infra.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between the services and the store, as a loopback TCP relay a fault campaign controls: it can cut it
 * (every open connection dropped, new ones closed at once: the store unreachable) and slow it (each chunk of bytes
 * held back a while: a slow store), then heal it.
 */
final class StoreLink implements AutoCloseable {

    private final ServerSocket listening;
    private final int storePort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile long delayMillis;

    private StoreLink(ServerSocket listening, int storePort) {
        this.listening = listening;
        this.storePort = storePort;
        daemon("store-link", this::accept);
    }

    /** A link on {@code port} to the store on {@code storePort}, relaying. */
    static StoreLink open(int port, int storePort) throws IOException {
        return new StoreLink(new ServerSocket(port, 256, InetAddress.getLoopbackAddress()), storePort);
    }

    /** Drops every connection and refuses new ones until {@link #heal()}. */
    void cut() {
        cut = true;
        open.forEach(StoreLink::close);
    }

    /** Holds each chunk of bytes back {@code millis} each way until {@link #heal()}. */
    void slow(long millis) {
        delayMillis = millis;
    }

    void heal() {
        cut = false;
        delayMillis = 0;
    }

    @Override
    public void close() {
        close(listening);
        open.forEach(StoreLink::close);
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (cut) {
                    close(client);
                    continue;
                }
                Socket store;
                try {
                    store = new Socket(InetAddress.getLoopbackAddress(), storePort);
                } catch (IOException storeDown) {
                    close(client); // the store itself is down (a power cut): the client sees it so
                    continue;
                }
                client.setTcpNoDelay(true);
                store.setTcpNoDelay(true);
                open.add(client);
                open.add(store);
                daemon("store-link-up", () -> relay(client, store));
                daemon("store-link-down", () -> relay(store, client));
            } catch (IOException e) {
                if (listening.isClosed()) {
                    return;
                }
            }
        }
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The link was cut, or either end closed: both ends go.
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing what is already going.
        }
    }
}
