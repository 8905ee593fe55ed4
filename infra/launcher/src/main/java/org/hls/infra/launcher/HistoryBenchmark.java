package org.hls.infra.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hls.events.Actor;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;

/**
 * Measures looking back on a running platform with a long history: the dashboard as known at past instants, rebuilds
 * of the history from the topic and from the event store, and an export of everything, each beside a raw baseline
 * measured in the same run (a bare Kafka consumer reading the same records), with query-service's peak heap while
 * each runs (from its own metrics).
 * <pre>
 * java -cp infra/launcher/target/launcher.jar org.hls.infra.launcher.HistoryBenchmark --history=100000
 * </pre>
 * {@code --history=N} first imports learning until the event store holds N events (through the event store's own
 * append path) and waits until the history holds them.
 */
public final class HistoryBenchmark {

    private static final List<String> THEMES = List.of("housing", "homelessness", "family support", "mental health",
            "employability", "food", "loneliness");

    private final PlatformSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String admin;
    private final String analyst;

    private HistoryBenchmark(PlatformSettings settings) {
        this.settings = settings;
        this.admin = token("benchmark-admin", "ADMIN");
        this.analyst = token("benchmark-analyst", "ANALYST");
    }

    public static void main(String[] args) throws Exception {
        long history = 100_000;
        for (String arg : args) {
            if (arg.startsWith("--history=")) {
                history = Long.parseLong(arg.substring("--history=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        new HistoryBenchmark(PlatformSettings.fromEnvironment(System.getenv())).run(history);
        System.exit(0);
    }

    private void run(long wanted) throws Exception {
        HistoryImport history = new HistoryImport(settings.commandServiceUrl(), admin);
        long stored = history.storedEvents();
        if (stored < wanted) {
            long start = System.nanoTime();
            long imported = history.importAll(learning(wanted - stored), done -> { });
            System.out.printf("imported %,d events in %.0f s (%,.0f/s)%n", imported, seconds(start),
                    imported / seconds(start));
        }
        long events = history.storedEvents();
        long waitStart = System.nanoTime();
        while (historyEvents() < events) {
            Thread.sleep(1000);
        }
        System.out.printf("History benchmark on %d cores; the event store and the history hold %,d events "
                + "(history caught up %.0f s after the import)%n", Runtime.getRuntime().availableProcessors(),
                events, seconds(waitStart));

        double consumer = bareConsumerRate();
        System.out.printf("  baseline: a bare Kafka consumer reads the topic at %,.0f records/s%n", consumer);

        Instant first = Instant.parse(get("/api/analytics/practice-change?bucket=month", analyst)
                .get("buckets").get(0).get("from").asText() + "T00:00:00Z");
        Latencies asOf = new Latencies();
        Latencies live = new Latencies();
        for (int i = 0; i < 200; i++) {
            Instant instant = first.plusSeconds(ThreadLocalRandom.current().nextLong(
                    Duration.between(first, Instant.now()).getSeconds()));
            long start = System.nanoTime();
            get("/api/dashboards/system?theme=housing&asOf=" + instant, analyst);
            asOf.record(System.nanoTime() - start);
            start = System.nanoTime();
            get("/api/dashboards/system", analyst);
            live.record(System.nanoTime() - start);
        }
        System.out.printf("  dashboard as known at a random past instant (theme filter): %s%n", asOf.summary());
        System.out.printf("  dashboard now: %s%n", live.summary());

        for (String source : List.of("topic", "event-store")) {
            Heap heap = new Heap();
            long start = System.nanoTime();
            post("/api/admin/projections/history/rebuild", admin, "{\"source\":\"" + source + "\"}");
            JsonNode rebuild;
            do {
                Thread.sleep(250);
                rebuild = get("/api/admin/projections/history", admin).path("rebuild");
            } while (!rebuild.path("state").asText().equals("finished") && !rebuild.path("state").asText()
                    .equals("failed"));
            double elapsed = seconds(start);
            heap.stop();
            double rate = rebuild.path("eventsDone").asLong() / elapsed;
            System.out.printf("  rebuild from the %s: %s, %,d events in %.1f s = %,.0f events/s = %.3f x the bare "
                            + "consumer; query-service %s%n", source, rebuild.path("state").asText(),
                    rebuild.path("eventsDone").asLong(), elapsed, rate, rate / consumer, heap);
            if (source.equals("topic")) {
                System.out.printf("  a full replay takes %.0f x the asOf dashboard's p50%n",
                        elapsed * 1000 / asOf.percentileMillis(50));
            }
        }

        Heap heap = new Heap();
        long start = System.nanoTime();
        long[] counted = export("/api/export/learning?format=ndjson");
        double elapsed = seconds(start);
        heap.stop();
        System.out.printf("  export of the learning: %,d lines, %,d MiB in %.1f s = %,.0f lines/s; query-service %s%n",
                counted[0], counted[1] >> 20, elapsed, counted[0] / elapsed, heap);
    }

    /** Learning entries spread over the last year, 40 people in 5 organisations of 4 teams, two themes each. */
    private static Iterator<EventEnvelope> learning(long count) {
        Instant now = Instant.now();
        return LongStream.range(0, count).mapToObj(n -> {
            String learningId = UUID.randomUUID().toString();
            Actor actor = new Actor("history-" + n % 40, "History", "org-history-" + n % 5, "team-" + n % 4,
                    "history");
            Instant at = now.minus(Duration.ofSeconds(365L * 86_400 - n * 365L * 86_400 / count));
            LearningRecorded event = new LearningRecorded(learningId, LearningKind.values()[(int) (n % 3)],
                    "Earlier learning " + n, null, List.of(THEMES.get((int) (n % THEMES.size())),
                    THEMES.get((int) ((n + 3) % THEMES.size()))), Perspective.values()[(int) (n % 6)],
                    Visibility.values()[1 + (int) (n % 3)], null, null, null, actor, at);
            return new EventEnvelope(UUID.randomUUID().toString(), "LearningRecorded",
                    EventTypes.schemaVersionOf(LearningRecorded.class), learningId, 0, 0, at, at,
                    EventJson.newMapper().valueToTree(event));
        }).iterator();
    }

    /** Records per second of a consumer reading the whole topic and doing nothing with it. */
    private double bareConsumerRate() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:"
                + settings.kafkaPort(), ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("learning-events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            long start = System.nanoTime();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return read / seconds(start);
        }
    }

    /** Lines and bytes of an export, read as it streams. */
    private long[] export(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl()
                + path)).header("Authorization", "Bearer " + analyst).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = answer.body()) {
            for (int read; (read = body.read(buffer)) > 0; ) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines, bytes};
    }

    private long historyEvents() {
        return get("/api/admin/projections/history", admin).path("events").asLong();
    }

    /**
     * query-service's memory, sampled from its metrics until stopped: the peaks of its heap in use and of its direct
     * memory (where the history's columns are kept), and the heap's limit.
     */
    private final class Heap {

        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakDirect = new AtomicLong();
        private final AtomicLong limit = new AtomicLong();
        private final AtomicBoolean sampling = new AtomicBoolean(true);
        private final Thread thread = new Thread(() -> {
            while (sampling.get()) {
                long[] memory = memory();
                peak.accumulateAndGet(memory[0], Math::max);
                peakDirect.accumulateAndGet(memory[1], Math::max);
                limit.set(memory[2]);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        Heap() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            sampling.set(false);
            thread.join();
        }

        @Override
        public String toString() {
            return String.format("peak heap %,d MiB (of at most %,d), peak off-heap columns %,d MiB", peak.get() >> 20,
                    limit.get() >> 20, peakDirect.get() >> 20);
        }
    }

    /** query-service's heap in use, its direct buffers' memory, and its heap's limit. */
    private long[] memory() {
        long[] memory = new long[3];
        for (String line : getText("/actuator/prometheus").split("\n")) {
            long value = line.startsWith("jvm_") && line.indexOf(' ') > 0
                    ? (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) : 0;
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                memory[0] += value;
            } else if (line.startsWith("jvm_buffer_memory_used_bytes{") && line.contains("id=\"direct\"")) {
                memory[1] = value;
            } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")
                    && value > 0) {
                memory[2] += value;
            }
        }
        return memory;
    }

    private String token(String sub, String role) {
        return EventJson.toTree(send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/dev/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sub\":\"" + sub + "\",\"name\":\"" + sub + "\",\"roles\":[\"" + role + "\"],"
                                + "\"organisation\":\"benchmark\",\"team\":\"benchmark\",\"place\":\"history\""
                                + Benchmark.OPERATOR_SCOPE.apply(role) + "}"))
                .build()).body()).get("access_token").asText();
    }

    private JsonNode get(String path, String token) {
        return EventJson.toTree(send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path))
                .header("Authorization", "Bearer " + token).build()).body());
    }

    private String getText(String path) {
        return send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path)).build()).body();
    }

    private void post(String path, String token, String body) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
