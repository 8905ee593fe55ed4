package org.hls.infra.launcher;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.LongConsumer;

import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;

/**
 * History written through the event store's own append path, as an import from another system would be: envelopes
 * sent to command-service's {@code POST /api/admin/import} as the platform operator, some thousands a request.
 */
final class HistoryImport {

    private static final int LINES_PER_REQUEST = 5000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String commandServiceUrl;
    private final String adminToken;

    HistoryImport(String commandServiceUrl, String adminToken) {
        this.commandServiceUrl = commandServiceUrl;
        this.adminToken = adminToken;
    }

    /** Imports every envelope of {@code events}, telling {@code progress} how many are stored after each request. */
    long importAll(Iterator<EventEnvelope> events, LongConsumer progress) {
        long stored = 0;
        while (events.hasNext()) {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (int i = 0; i < LINES_PER_REQUEST && events.hasNext(); i++) {
                lines.writeBytes(EventJson.write(events.next()));
                lines.write('\n');
            }
            stored += send(lines.toByteArray());
            progress.accept(stored);
        }
        return stored;
    }

    /** The position of the last event in the store: 0 when it is empty. */
    long storedEvents() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandServiceUrl + "/api/admin/events?after="
                        + Long.MAX_VALUE / 2))
                .header("Authorization", "Bearer " + adminToken).build();
        HttpResponse<Void> answer = call(request, HttpResponse.BodyHandlers.discarding());
        return answer.headers().firstValueAsLong("Event-Store-Head").orElse(0);
    }

    private long send(byte[] lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandServiceUrl + "/api/admin/import"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofByteArray(lines)).build();
        HttpResponse<String> answer = call(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The import was refused: " + answer.statusCode() + " " + answer.body());
        }
        return EventJson.toTree(answer.body()).get("stored").asLong();
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return HttpCalls.send(http, request, body);
    }
}
