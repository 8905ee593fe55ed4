package org.hls.query.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plain HTTP client for tests, as any outside client would call the service, server-sent events included.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public Http(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Answer get(String path, String token) {
        return send(request(path, token).build());
    }

    public Answer post(String path, String token, String body) {
        return post(path, token, "application/json", body);
    }

    /** A JSON body that asks for an answer of type {@code accept}. */
    public Answer post(String path, String token, String accept, String body) {
        return send(request(path, token).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens an event stream; the returned list fills with each event's data as it arrives. */
    public EventStream stream(String path, String token) {
        List<String> data = new CopyOnWriteArrayList<>();
        var response = client.sendAsync(request(path, token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        AtomicReference<Stream<String>> reading = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<Void> ended = response.thenAcceptAsync(answer -> {
            try (Stream<String> lines = answer.body()) {
                reading.set(lines);
                if (closed.get()) {
                    return; // closed before its reader started: the stream is closed here
                }
                lines.filter(line -> line.startsWith("data:")).map(line -> line.substring(5)).forEach(data::add);
            } catch (RuntimeException closedHere) {
                // closed by the client
            }
        }, Http::readOnItsOwnThread);
        return new EventStream(data, response.thenApply(HttpResponse::statusCode), ended, () -> {
            response.cancel(true);
            closed.set(true);
            Stream<String> lines = reading.get();
            if (lines != null) {
                // Closing what it reads closes the connection, as a browser closing a tab does.
                lines.close();
            }
        });
    }

    /**
     * An endless stream is read on a thread of its own: attached without one, the reader runs on the caller's thread
     * whenever the headers came first, and the test never gets its stream back.
     */
    private static void readOnItsOwnThread(Runnable reader) {
        Thread thread = new Thread(reader, "event-stream-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /**
     * @param status the answer's status, once its headers arrived
     * @param ended  done when the server ended the stream
     */
    public record EventStream(List<String> data, CompletableFuture<Integer> status, CompletableFuture<Void> ended,
                              Runnable closer) implements AutoCloseable {

        public JsonNode last() {
            return parse(data.get(data.size() - 1));
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    public record Answer(int status, String contentType, String body, HttpHeaders headers) {

        /** The first value of header {@code name}, or {@code null}. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return parse(body);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
