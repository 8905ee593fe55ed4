package org.hls.infra.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peak heap each service used while it was watched, read from its Prometheus metrics (the sum of
 * {@code jvm_memory_used_bytes} over the heap's pools) four times a second. It asks for that metric alone: the whole
 * scrape, four times a second, took a sixth of query-service's CPU during a run.
 */
final class HeapWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> metrics = new LinkedHashMap<>();
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** @param services each service's name and base URL */
    HeapWatch(Map<String, String> services) {
        services.forEach((name, url) ->
                metrics.put(name, url + "/actuator/prometheus?includedNames=jvm_memory_used_bytes"));
        sampler = new Thread(this::sample, "benchmark-heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            metrics.forEach((name, url) -> {
                long used = heapUsed(url);
                if (used > 0) {
                    peaks.merge(name, used, Math::max);
                }
            });
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long heapUsed(String url) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double used = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) used;
        } catch (Exception unavailable) {
            return 0;
        }
    }

    /** The peak heap used by {@code service} so far, in bytes; 0 when it never answered. */
    long peak(String service) {
        return peaks.getOrDefault(service, 0L);
    }

    /** Each service's peak, as {@code name N MiB}, in the order given. */
    String summary() {
        StringBuilder text = new StringBuilder();
        metrics.keySet().forEach(name -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format("%s %,d MiB", name, peak(name) >> 20)));
        return text.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
