package org.hls.query.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;

/** command-service's replay as a rebuild reads it: the envelopes it is given, then held open until finished. */
public final class EventStoreStandIn {

    private final HttpServer server;
    private volatile List<EventEnvelope> history = List.of();
    private volatile CountDownLatch finish = new CountDownLatch(0);
    private volatile CountDownLatch serving = new CountDownLatch(1);
    public volatile String authorization;

    public EventStoreStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/api/admin/events", exchange -> {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            List<EventEnvelope> events = new ArrayList<>(history);
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.getResponseHeaders().add("Event-Store-Head", Long.toString(events.size()));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (EventEnvelope event : events) {
                    out.write(EventJson.write(event));
                    out.write('\n');
                }
                out.flush();
                serving.countDown();
                finish.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void serve(List<EventEnvelope> events) {
        history = events;
        finish = new CountDownLatch(1);
        serving = new CountDownLatch(1);
    }

    public boolean isServing() {
        return serving.getCount() == 0;
    }

    public void finish() {
        finish.countDown();
    }

    public void stop() {
        finish.countDown();
        server.stop(0);
    }
}
