package org.hls.infra.launcher;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.infra.embedded.DevTokenIssuer;

/**
 * Drives a running platform with simulated practitioners for a fixed time and prints accepted records per second,
 * command latency and command-to-dashboard latency, each beside a raw baseline measured in the same run on the same
 * broker and store: a bare Kafka producer-to-consumer and a bare {@code insertMany}.
 * <p>
 * {@code --rate=R} paces the practitioners to R records per second in all (by default they send as fast as they are
 * answered, and then again paced to half the rate they reached, unless {@code --no-half}), to see the latencies at a
 * steady load rather than the most the machine accepts. {@code --streams=N} then runs the paced load once more with
 * N dashboard streams open (a sample of them timing every probe) and compares their push p99 with one stream's.
 * <p>
 * {@code --preload=N} first imports N events of history through command-service's import (the event store's own
 * append path) and waits until the dashboard has counted them, so that a second run shows whether command cost
 * grows with history.
 * <pre>
 * java -cp infra/launcher/target/launcher.jar org.hls.infra.launcher.Benchmark --duration=30s --practitioners=8
 * </pre>
 */
public final class Benchmark {

    private static final int PEOPLE_PER_WRITER = 25;
    /** A benchmark's administrator is the platform's operator: it imports history and reads the event store. */
    static final UnaryOperator<String> OPERATOR_SCOPE =
            role -> "ADMIN".equals(role) ? ",\"scope\":\"" + DevTokenIssuer.OPERATOR_SCOPE + "\"" : "";
    /** How many of the streams beyond the first time every probe; the others are only read (IdleStreams). */
    private static final int SAMPLED_STREAMS = 19;

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Duration BASELINE = Duration.ofSeconds(5);
    private static final int RECORD_BYTES = 600;

    private final PlatformSettings settings;
    private final String kafka;
    private final MongoClient mongo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Benchmark(PlatformSettings settings) {
        this.settings = settings;
        this.kafka = "127.0.0.1:" + settings.kafkaPort();
        this.mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.mongoPort());
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(30);
        int practitioners = 8;
        long preload = 0;
        double rate = 0;
        boolean half = true;
        int streams = 1;
        for (String arg : args) {
            if (arg.startsWith("--duration=")) {
                duration = Duration.parse("PT" + arg.substring("--duration=".length()).toUpperCase());
            } else if (arg.startsWith("--practitioners=")) {
                practitioners = Integer.parseInt(arg.substring("--practitioners=".length()));
            } else if (arg.startsWith("--rate=")) {
                rate = Double.parseDouble(arg.substring("--rate=".length()));
            } else if (arg.equals("--no-half")) {
                half = false;
            } else if (arg.startsWith("--streams=")) {
                streams = Integer.parseInt(arg.substring("--streams=".length()));
            } else if (arg.startsWith("--preload=")) {
                preload = Long.parseLong(arg.substring("--preload=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        // As many kept-alive connections as practitioners (5 by default), and no POST sent again on a reset one.
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, practitioners + 1)));
        System.setProperty("sun.net.http.retryPost", "false");
        Benchmark benchmark = new Benchmark(PlatformSettings.fromEnvironment(System.getenv()));
        benchmark.run(duration, practitioners, rate, preload, half, streams);
        System.exit(0);
    }

    private void run(Duration duration, int practitioners, double rate, long preload, boolean half, int streams)
            throws Exception {
        String admin = token("benchmark-admin", "ADMIN");
        HistoryImport importer = new HistoryImport(settings.commandServiceUrl(), admin);
        if (preload > 0) {
            preload(admin, importer, preload);
        }
        System.out.printf("Benchmark of commit %s on %d cores, %s; event store holds %,d events before the run%n",
                commit(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                importer.storedEvents());
        Load first = load(duration, practitioners, rate, 1, importer.storedEvents());
        if (rate > 0 || half) {
            double pacedRate = rate > 0 ? rate : Math.max(1, Math.round(first.acceptedRate() / 2));
            Load paced = rate > 0 ? first : load(duration, practitioners, pacedRate, 1, importer.storedEvents());
            if (streams > 1) {
                Load crowded = load(duration, practitioners, pacedRate, streams, importer.storedEvents());
                System.out.printf("%n%,d open dashboard streams: push latency p99 %.1f ms = %.2f x one stream's "
                                + "p99 at the same rate (%.1f ms)%n", crowded.streamsOpen(),
                        crowded.dashboardLatency().percentileMillis(99),
                        crowded.dashboardLatency().percentileMillis(99)
                                / paced.dashboardLatency().percentileMillis(99),
                        paced.dashboardLatency().percentileMillis(99));
                // The same load with and without the streams: what the peaks differ by is what the streams hold.
                System.out.printf("Memory per idle stream: about %,.0f KB (query-service's peak heap %,d MiB with "
                                + "them, %,d MiB without)%n",
                        (crowded.queryServiceHeap() - paced.queryServiceHeap()) / 1024.0
                                / Math.max(1, crowded.streamsOpen() - 1),
                        crowded.queryServiceHeap() >> 20, paced.queryServiceHeap() >> 20);
            }
        }
    }

    /** What one load phase measured. */
    private record Load(double acceptedRate, Latencies dashboardLatency, int streamsOpen, long queryServiceHeap) {
    }

    /**
     * Measures the baselines, then drives the platform for {@code duration}: as fast as answered, or paced to
     * {@code rate}, with {@code streams} dashboard streams open, of which a sample (at most 20) times every probe.
     */
    private Load load(Duration duration, int practitioners, double rate, int streams, long history)
            throws Exception {
        int kafkaLatencyRate = rate > 0 ? (int) Math.ceil(rate) : 1000;
        double kafkaRate = kafkaThroughput();
        Latencies kafkaLatency = kafkaLatency(kafkaLatencyRate);
        double insertManyRate = insertManyThroughput(WriteConcern.ACKNOWLEDGED);
        Latencies insertOneLatency = insertOneLatency(WriteConcern.ACKNOWLEDGED);
        // What the platform asks of the store for every event: journaled on a majority before it answers.
        WriteConcern durable = WriteConcern.MAJORITY.withJournal(true);
        double durableInsertManyRate = insertManyThroughput(durable);
        Latencies durableInsertOneLatency = insertOneLatency(durable);

        String token = token("benchmark-practitioner", "PRACTITIONER");
        awaitDashboards(token);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Latencies commandLatency = new Latencies();
        Latencies dashboardLatency = new Latencies();
        Map<String, Long> probesSent = new ConcurrentHashMap<>();
        Set<String> probesSeen = ConcurrentHashMap.newKeySet();
        Map<String, Long> probesOnTopic = new ConcurrentHashMap<>();
        Latencies topicLatency = new Latencies();
        HeapWatch heap = new HeapWatch(new java.util.TreeMap<>(Map.of("command-service",
                settings.commandServiceUrl(), "query-service", settings.queryServiceUrl())));
        List<java.util.concurrent.CompletableFuture<?>> open = new ArrayList<>();
        open.add(watchDashboard(token, probesSent, probesSeen, dashboardLatency, probesOnTopic, topicLatency));
        Latencies sampledLatency = new Latencies();
        // Each viewer a person of their own: a person may hold only a few streams open.
        List<String> viewers = tokens("benchmark-viewer-", streams - 1, "LEADER");
        int sampled = Math.min(streams - 1, SAMPLED_STREAMS);
        for (String viewer : viewers.subList(0, sampled)) {
            open.add(watchDashboard(viewer, probesSent, ConcurrentHashMap.newKeySet(), sampledLatency, Map.of(),
                    new Latencies()));
        }
        IdleStreams idle = IdleStreams.open(URI.create(settings.queryServiceUrl() + "/api/dashboards/system/stream"),
                viewers.subList(sampled, viewers.size()));
        long answered = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (idle.answered() < viewers.size() - sampled && System.nanoTime() < answered) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        // Each writer speaks for many people in turn, as a busy place does: one person's commands are held to their
        // own rate (COMMAND_RATE_PER_SECOND), which a single writer as fast as answered would exceed. Their tokens are
        // issued before the clock starts: issuing 200 took seconds of the run and of the cores it measures.
        List<List<String>> writers = new ArrayList<>();
        for (int i = 0; i < practitioners; i++) {
            List<String> people = new ArrayList<>();
            for (int person = 0; person < PEOPLE_PER_WRITER; person++) {
                people.add(token("benchmark-practitioner-" + i + "-" + person, "PRACTITIONER"));
            }
            writers.add(people);
        }
        // On stderr, so that a profiler can be started on the platform for just this part.
        System.err.printf("Driving the platform for %d s from %s%n", duration.toSeconds(), java.time.Instant.now());
        long deadline = System.nanoTime() + duration.toNanos();
        Thread topicWatcher = watchTopic(probesOnTopic, deadline + Duration.ofSeconds(10).toNanos());
        ExecutorService threads = Executors.newFixedThreadPool(practitioners + 1);
        for (int i = 0; i < practitioners; i++) {
            List<String> people = writers.get(i);
            long interval = rate > 0 ? (long) (practitioners * 1e9 / rate) : 0;
            long offset = interval * i / practitioners;
            threads.submit(() -> {
                long next = System.nanoTime() + offset;
                while (System.nanoTime() < deadline) {
                    if (interval > 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                        next += interval;
                    }
                    long start = System.nanoTime();
                    String practitioner = people.get((int) (start / 1000 % PEOPLE_PER_WRITER));
                    int status = record(practitioner, Visibility.TEAM).statusCode();
                    commandLatency.record(System.nanoTime() - start);
                    (status == 201 ? accepted : refused).incrementAndGet();
                }
                return null;
            });
        }
        threads.submit(() -> {
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                Answer answer = record(token, Visibility.SYSTEM);
                if (answer.statusCode() == 201) {
                    probesSent.put(JSON.readTree(answer.body()).get("id").asText(), start);
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
            return null;
        });
        threads.shutdown();
        threads.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (probesSeen.size() < probesSent.size() && System.nanoTime() < settle) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        open.forEach(stream -> stream.cancel(true));
        idle.close();
        topicWatcher.join();
        heap.close();

        double acceptedRate = accepted.get() / (double) duration.toSeconds();
        System.out.println();
        System.out.println("Raw baselines (same machine, same run, same broker and store):");
        System.out.printf("  Kafka producer->consumer, %d-byte records, acks=all: %,.0f records/s; "
                + "end to end at %,d/s %s%n", RECORD_BYTES, kafkaRate, kafkaLatencyRate, kafkaLatency.summary());
        System.out.printf("  store insertMany of 100 x %d-byte documents: %,.0f docs/s; insertOne %s%n",
                RECORD_BYTES, insertManyRate, insertOneLatency.summary());
        System.out.printf("  the same, journaled on a majority as the platform writes: %,.0f docs/s; insertOne %s%n",
                durableInsertManyRate, durableInsertOneLatency.summary());
        System.out.println();
        System.out.printf("Platform: %d practitioners for %d s, %s, %,d dashboard stream(s) open, history %,d "
                        + "events%n", practitioners, duration.toSeconds(),
                rate > 0 ? String.format("paced to %.0f records/s", rate) : "as fast as answered", streams, history);
        System.out.printf("  accepted records: %,d (%,.1f/s) = %.3f x store insertMany (%.3f x journaled), %.4f x "
                        + "Kafka; refused %d%n", accepted.get(), acceptedRate, acceptedRate / insertManyRate,
                acceptedRate / durableInsertManyRate, acceptedRate / kafkaRate, refused.get());
        System.out.printf("  command latency: %s = %.1f x / %.1f x insertOne p50 / p99 (%.1f x / %.1f x journaled)%n",
                commandLatency.summary(),
                commandLatency.percentileMillis(50) / insertOneLatency.percentileMillis(50),
                commandLatency.percentileMillis(99) / insertOneLatency.percentileMillis(99),
                commandLatency.percentileMillis(50) / durableInsertOneLatency.percentileMillis(50),
                commandLatency.percentileMillis(99) / durableInsertOneLatency.percentileMillis(99));
        System.out.printf("  command-to-dashboard (SSE) latency: %s = %.1f x / %.1f x Kafka end to end p50 / p99; "
                        + "%d of %d probes seen%n", dashboardLatency.summary(),
                dashboardLatency.percentileMillis(50) / kafkaLatency.percentileMillis(50),
                dashboardLatency.percentileMillis(99) / kafkaLatency.percentileMillis(99),
                probesSeen.size(), probesSent.size());
        System.out.printf("  topic-to-dashboard (SSE) latency, the query-service's part: %s = %.1f x / %.1f x "
                        + "Kafka end to end p50 / p99%n", topicLatency.summary(),
                topicLatency.percentileMillis(50) / kafkaLatency.percentileMillis(50),
                topicLatency.percentileMillis(99) / kafkaLatency.percentileMillis(99));
        System.out.printf("  peak heap used: %s (command-service may use %s, query-service %s)%n", heap.summary(),
                settings.serviceHeap(), settings.queryServiceHeap());
        int opened = (int) (1 + sampled + idle.opened());
        if (streams > 1) {
            System.out.printf("  dashboard streams open: %,d of %,d asked for (%,d refused)%n", opened, streams,
                    idle.refused());
            System.out.printf("  command-to-dashboard latency on a sample of %d other streams: %s%n", sampled,
                    sampledLatency.summary());
            return new Load(acceptedRate, sampledLatency, opened, heap.peak("query-service"));
        }
        return new Load(acceptedRate, dashboardLatency, 1, heap.peak("query-service"));
    }

    /** The commit of the checkout the platform runs from, as git names it, or {@code unknown}. */
    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "-C", settings.home().toString(), "rev-parse", "--short",
                    "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Notes when each learning event reaches the platform's topic (keyed by the entry's id), until {@code until}. */
    private Thread watchTopic(Map<String, Long> reached, long until) {
        // Assigned every partition, in no consumer group: it leaves nothing behind on the platform's broker.
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        String topic = System.getenv().getOrDefault("KAFKA_TOPIC", "learning-events");
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread watcher = new Thread(() -> {
            try (consumer) {
                while (System.nanoTime() < until) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        reached.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        }, "benchmark-topic-watcher");
        watcher.start();
        return watcher;
    }

    // ---- the platform ----

    private static final List<String> THEMES = List.of("housing", "food", "debt", "loneliness", "mental-health",
            "employment", "families", "transport");

    /**
     * Records one learning entry as {@code token}'s practitioner, on two of {@link #THEMES}, so that dashboards count
     * it in several scopes, as real learning is. Through the JDK's blocking {@link HttpURLConnection}
     * on the calling thread, kept alive, rather than {@link HttpClient}: that hands every call to its selector's
     * thread and a worker and back, which cost the benchmark's own process about a third of a core at 700 records a
     * second, on the cores it measures the platform on.
     */
    private Answer record(String token, Visibility visibility) {
        int theme = ThreadLocalRandom.current().nextInt(THEMES.size());
        byte[] body = ("{\"kind\":\"REFLECTION\",\"summary\":\"Benchmark " + UUID.randomUUID()
                + "\",\"themes\":[\"" + THEMES.get(theme) + "\",\"" + THEMES.get((theme + 3) % THEMES.size())
                + "\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"" + visibility + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            HttpURLConnection call = (HttpURLConnection) URI.create(settings.commandServiceUrl() + "/api/learning")
                    .toURL().openConnection();
            call.setConnectTimeout(5_000);
            call.setRequestMethod("POST");
            call.setRequestProperty("Content-Type", "application/json");
            call.setRequestProperty("Authorization", "Bearer " + token);
            call.setDoOutput(true);
            try (OutputStream out = call.getOutputStream()) {
                out.write(body);
            }
            int status = call.getResponseCode();
            // Read to its end and closed, the connection is kept for the next call.
            try (InputStream answer = status < 400 ? call.getInputStream() : call.getErrorStream()) {
                return new Answer(status, answer == null ? "" : new String(answer.readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command's answer: its status and body. */
    private record Answer(int statusCode, String body) {
    }

    /** Times each probe from the moment its command was sent until a pushed dashboard lists it. */
    private java.util.concurrent.CompletableFuture<?> watchDashboard(String token, Map<String, Long> sent,
                                                                     Set<String> seen, Latencies latencies,
                                                                     Map<String, Long> onTopic,
                                                                     Latencies topicLatencies) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl()
                                + "/api/dashboards/system/stream"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(response -> {
                    try (Stream<String> lines = response.body()) {
                        lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                            long now = System.nanoTime();
                            for (JsonNode item : parse(line.substring(5)).get("recent")) {
                                String id = item.get("id").asText();
                                Long start = sent.get(id);
                                if (start != null && seen.add(id)) {
                                    latencies.record(now - start);
                                    Long reached = onTopic.get(id);
                                    if (reached != null) {
                                        topicLatencies.record(now - reached);
                                    }
                                }
                            }
                        });
                    }
                }, Benchmark::readOnItsOwnThread);
    }

    /**
     * An endless stream is read on a thread of its own: attached without one, the reader runs on the caller's thread
     * whenever the headers came first, and the caller never gets on.
     */
    static void readOnItsOwnThread(Runnable reader) {
        Thread thread = new Thread(reader, "event-stream-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tokens for {@code count} people named {@code prefix} and a number, issued several at a time. */
    private List<String> tokens(String prefix, int count, String role) throws Exception {
        ExecutorService issuing = Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> issued = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String sub = prefix + i;
                issued.add(issuing.submit(() -> token(sub, role)));
            }
            List<String> tokens = new ArrayList<>();
            for (java.util.concurrent.Future<String> token : issued) {
                tokens.add(token.get());
            }
            return tokens;
        } finally {
            issuing.shutdown();
        }
    }

    /** A token for {@code sub}, in one of 4 organisations and 3 teams, as the subject's hash falls. */
    private String token(String sub, String role) {
        int spread = Math.abs(sub.hashCode());
        String claims = "{\"sub\":\"" + sub + "\",\"name\":\"Benchmark\",\"roles\":[\"" + role + "\"],"
                + "\"organisation\":\"org-bench-" + spread % 4 + "\",\"team\":\"team-" + spread % 3
                + "\",\"place\":\"bench\"" + OPERATOR_SCOPE.apply(role) + "}";
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/dev/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(claims))
                .build());
        return parse(answer.body()).get("access_token").asText();
    }

    /**
     * Waits until query-service answers dashboards: until its history has caught up (after a start or a rebuild) it
     * answers 503, and a stream opened then would time nothing.
     */
    private void awaitDashboards(String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int status;
        while ((status = send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl()
                + "/api/dashboards/system")).header("Authorization", "Bearer " + token).build()).statusCode()) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("query-service answered " + status + " to a dashboard for 5 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Events the dashboards' history has applied (its counts are rounded for every reader outside one team). */
    private long eventsInTheHistory(String admin) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl()
                + "/api/admin/projections/history")).header("Authorization", "Bearer " + admin).build());
        return parse(answer.body()).get("events").asLong();
    }

    // ---- history ----

    /**
     * Imports {@code count} learning entries of a year's history through the event store's own append path, as the
     * demo history and any import from another system are written, then waits until the dashboard has counted them.
     */
    private void preload(String admin, HistoryImport history, long count) throws InterruptedException {
        long before = eventsInTheHistory(admin);
        long start = System.nanoTime();
        Instant now = Instant.now();
        java.util.Iterator<org.hls.events.EventEnvelope> events = LongStream.range(0, count).mapToObj(n -> {
            String learningId = UUID.randomUUID().toString();
            // A year of history from 5 organisations of 4 teams, each entry on two of the themes.
            Actor actor = new Actor("history-" + n % 40, "History", "org-history-" + n % 5, "team-" + n % 4,
                    "history");
            Instant at = now.minus(Duration.ofDays(365 - n * 365 / count));
            LearningRecorded event = new LearningRecorded(learningId, LearningKind.REFLECTION, "Earlier learning "
                    + n, null, List.of(THEMES.get((int) (n % THEMES.size())), THEMES.get((int) ((n + 3)
                    % THEMES.size()))), Perspective.PRACTITIONER, Visibility.TEAM, null, null, null, actor, at);
            return new org.hls.events.EventEnvelope(UUID.randomUUID().toString(), "LearningRecorded",
                    EventTypes.schemaVersionOf(LearningRecorded.class), learningId, 0, 0, at, at,
                    JSON.valueToTree(event));
        }).iterator();
        long[] reported = {0};
        history.importAll(events, stored -> {
            if (stored / 50_000 > reported[0] / 50_000 || stored == count) {
                System.out.printf("  preloaded %,d events (%,.0f/s)%n", stored,
                        stored / ((System.nanoTime() - start) / 1e9));
            }
            reported[0] = stored;
        });
        long target = before + count;
        long publishStart = System.nanoTime();
        long counted;
        while ((counted = eventsInTheHistory(admin)) < target) {
            System.out.printf("  the dashboards' history has applied %,d of %,d preloaded events (%,.0f/s)%n",
                    counted - before, count, (counted - before) / ((System.nanoTime() - publishStart) / 1e9));
            TimeUnit.SECONDS.sleep(10);
        }
        System.out.printf("  history published and projected in %.0f s%n",
                (System.nanoTime() - publishStart) / 1e9);
    }

    // ---- baselines ----

    /** Records per second from the first send until the consumer has received them all. */
    private double kafkaThroughput() throws Exception {
        String topic = baselineTopic();
        byte[] value = new byte[RECORD_BYTES];
        try (BaselineTopic removed = new BaselineTopic(topic); KafkaProducer<String, byte[]> producer = producer();
             KafkaConsumer<String, byte[]> consumer = consumer(topic)) {
            consumer.poll(Duration.ofMillis(500));
            AtomicLong sent = new AtomicLong();
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                long deadline = System.nanoTime() + BASELINE.toNanos();
                while (System.nanoTime() < deadline) {
                    producer.send(new ProducerRecord<>(topic, Long.toString(sent.get()), value));
                    sent.incrementAndGet();
                }
                producer.flush();
            });
            sender.start();
            long received = 0;
            while (sender.isAlive() || received < sent.get()) {
                received += consumer.poll(Duration.ofMillis(100)).count();
            }
            return received / ((System.nanoTime() - start) / 1e9);
        }
    }

    private Latencies kafkaLatency(int perSecond) throws Exception {
        String topic = baselineTopic();
        Latencies latencies = new Latencies();
        int total = (int) (perSecond * BASELINE.toSeconds());
        try (BaselineTopic removed = new BaselineTopic(topic); KafkaProducer<String, byte[]> producer = producer();
             KafkaConsumer<String, byte[]> consumer = consumer(topic)) {
            consumer.poll(Duration.ofMillis(500));
            Thread sender = new Thread(() -> {
                long interval = 1_000_000_000L / perSecond;
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    byte[] value = ByteBuffer.allocate(RECORD_BYTES).putLong(System.nanoTime()).array();
                    producer.send(new ProducerRecord<>(topic, Integer.toString(i), value));
                    next += interval;
                }
            });
            sender.start();
            int received = 0;
            long deadline = System.nanoTime() + BASELINE.toNanos() + Duration.ofSeconds(30).toNanos();
            while (received < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    latencies.record(System.nanoTime() - ByteBuffer.wrap(record.value()).getLong());
                    received++;
                }
            }
            sender.join();
        }
        return latencies;
    }

    private double insertManyThroughput(WriteConcern concern) {
        MongoCollection<Document> collection = mongo.getDatabase("benchmark-baseline").getCollection("insert_many")
                .withWriteConcern(concern);
        String text = "x".repeat(RECORD_BYTES - 100);
        long inserted = 0;
        long deadline = System.nanoTime() + BASELINE.toNanos();
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<Document> documents = new ArrayList<>(100);
            for (int i = 0; i < 100; i++) {
                documents.add(new Document("key", UUID.randomUUID().toString()).append("text", text));
            }
            collection.insertMany(documents);
            inserted += documents.size();
        }
        double rate = inserted / ((System.nanoTime() - start) / 1e9);
        collection.drop();
        return rate;
    }

    private Latencies insertOneLatency(WriteConcern concern) {
        MongoCollection<Document> collection = mongo.getDatabase("benchmark-baseline").getCollection("insert_one")
                .withWriteConcern(concern);
        String text = "x".repeat(RECORD_BYTES - 100);
        Latencies latencies = new Latencies();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            collection.insertOne(new Document("key", UUID.randomUUID().toString()).append("text", text));
            latencies.record(System.nanoTime() - start);
        }
        collection.drop();
        return latencies;
    }

    private String baselineTopic() throws Exception {
        String topic = "benchmark-baseline-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        return topic;
    }

    /** Deletes a baseline's topic and its consumer groups once the baseline is measured: the platform keeps none. */
    private final class BaselineTopic implements AutoCloseable {

        private final String topic;

        BaselineTopic(String topic) {
            this.topic = topic;
        }

        @Override
        public void close() throws Exception {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                admin.deleteTopics(List.of(topic)).all().get();
                admin.deleteConsumerGroups(List.of(groupOf(topic))).all().get();
            }
        }
    }

    private static String groupOf(String topic) {
        return "benchmark-" + topic;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, groupOf(topic),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    // ---- plumbing ----

    private HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
