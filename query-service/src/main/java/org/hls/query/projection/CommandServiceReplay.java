package org.hls.query.projection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.common.utils.Utils;
import org.hls.events.EventJson;

/**
 * The event store as command-service serves it to the scope {@code events.read} alone ({@code GET /api/admin/events}): every stored event
 * as an envelope per line, in global position order, each upgraded to its current schema. Each event is given the
 * partition the publisher's producer puts it in (Kafka's default partitioner over its aggregate id).
 */
final class CommandServiceReplay implements EventStoreReplay {

    private static final int BATCH = 1000;
    static final String HEAD_HEADER = "Event-Store-Head";

    private final String commandServiceUrl;
    private final Supplier<String> token;

    /** @param token the bearer token to read with, asked for when a replay begins */
    CommandServiceReplay(String commandServiceUrl, Supplier<String> token) {
        this.commandServiceUrl = commandServiceUrl;
        this.token = token;
    }

    @Override
    public void replay(int partitions, BiConsumer<List<ProjectedEvent>, Long> batches, BooleanSupplier running) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandServiceUrl + "/api/admin/events?after=0"))
                .header("Authorization", "Bearer " + token.get()).header("Accept", "application/x-ndjson").build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("The event store answered " + response.statusCode());
                }
                long head = response.headers().firstValueAsLong(HEAD_HEADER).orElse(0);
                List<ProjectedEvent> batch = new ArrayList<>(BATCH);
                Lines lines = new Lines(body);
                for (byte[] line; running.getAsBoolean() && (line = lines.next()) != null; ) {
                    if (line.length == 0) {
                        continue;
                    }
                    batch.add(EventJson.readWithPayload(line, (envelope, payload) -> new ProjectedEvent(envelope,
                            payload, partitionOf(envelope.aggregateId(), partitions))));
                    if (batch.size() == BATCH) {
                        batches.accept(batch, head);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                batches.accept(batch, head);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The event store could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The lines of a stream as bytes, as JSON is parsed: never decoded into text first. */
    private static final class Lines {

        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int start;
        private int end;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line without its line break, or {@code null} at the end. */
        byte[] next() throws IOException {
            ByteArrayOutputStream longer = null;
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        byte[] line = join(longer, i);
                        start = i + 1;
                        return line;
                    }
                }
                if (start < end) {
                    if (longer == null) {
                        longer = new ByteArrayOutputStream();
                    }
                    longer.write(buffer, start, end - start);
                }
                start = 0;
                end = in.read(buffer);
                if (end < 0) {
                    end = 0;
                    return longer == null || longer.size() == 0 ? null : longer.toByteArray();
                }
            }
        }

        private byte[] join(ByteArrayOutputStream longer, int lineEnd) {
            if (longer == null) {
                return Arrays.copyOfRange(buffer, start, lineEnd);
            }
            longer.write(buffer, start, lineEnd - start);
            return longer.toByteArray();
        }
    }

    /** The partition Kafka's default partitioner gives a record keyed by {@code aggregateId}. */
    static int partitionOf(String aggregateId, int partitions) {
        return Utils.toPositive(Utils.murmur2(aggregateId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
