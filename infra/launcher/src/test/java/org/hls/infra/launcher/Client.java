package org.hls.infra.launcher;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hls.infra.embedded.DevTokenIssuer;

/**
 * The platform as a person's browser or script reaches it: a token from the issuer, commands, dashboards.
 */
final class Client {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole-system dashboard narrowed to the team of this client's people, and its stream. */
    private static final String OWN_TEAM = "/api/dashboards/system?organisation=org-a&team=team-1";
    private static final String OWN_TEAM_STREAM = "/api/dashboards/system/stream?organisation=org-a&team=team-1";
    private final HttpClient http = HttpClient.newHttpClient();
    private final PlatformSettings settings;

    Client(PlatformSettings settings) {
        this.settings = settings;
    }

    String token(String sub, String role) {
        return token(sub, sub, role);
    }

    String token(String sub, String name, String role) {
        return token(sub, name, role, "org-a", "team-1");
    }

    String token(String sub, String name, String role, String organisation, String team) {
        String claims = "{\"sub\":\"" + sub + "\",\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"],"
                + "\"organisation\":\"" + organisation + "\",\"team\":\"" + team + "\",\"place\":\"fife\"}";
        return json(send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claims)).build(), 200)).get("access_token").asText();
    }

    /** The platform's operator: an administrator granted the scopes to read and import events and rebuild views. */
    String operatorToken() {
        String claims = "{\"sub\":\"operator\",\"name\":\"Operator\",\"roles\":[\"ADMIN\"],"
                + "\"organisation\":\"platform\",\"scope\":\"" + DevTokenIssuer.OPERATOR_SCOPE + "\"}";
        return json(send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claims)).build(), 200)).get("access_token").asText();
    }

    String command(String path, String token, String body, int expectedStatus) {
        return send(HttpRequest.newBuilder(URI.create(settings.commandServiceUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), expectedStatus);
    }

    /** A command's answer status, whatever it is. */
    int commandStatus(String path, String token, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(settings.commandServiceUrl() + path))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every stored event of {@code aggregateId}, in the order the event store holds them (the operator's read). */
    List<JsonNode> storedEvents(String aggregateId) {
        String lines = send(HttpRequest.newBuilder(URI.create(settings.commandServiceUrl() + "/api/admin/events"))
                .header("Authorization", "Bearer " + operatorToken()).build(), 200);
        return lines.lines().filter(line -> !line.isBlank()).map(Client::parse)
                .filter(event -> event.get("aggregateId").asText().equals(aggregateId)).toList();
    }

    String recordLearning(String token, String kind) {
        return json(command("/api/learning", token, learning(kind), 201)).get("id").asText();
    }

    /** Records learning with an {@code Idempotency-Key}, as a client that retries does; its id. */
    String recordLearning(String token, String kind, String idempotencyKey) {
        return json(send(HttpRequest.newBuilder(URI.create(settings.commandServiceUrl() + "/api/learning"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "\"" + idempotencyKey + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(learning(kind))).build(), 201)).get("id").asText();
    }

    private static String learning(String kind) {
        return "{\"kind\":\"" + kind + "\",\"summary\":\"Seen in practice\",\"themes\":[\"housing\"],"
                + "\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\"}";
    }

    /**
     * The totals of the team of this client's people ({@link #token(String, String)}), as one of them reads them on
     * the whole-system dashboard: exact (for anyone outside one team every count is under small-number control).
     */
    Map<String, Long> totals(String token) {
        JsonNode dashboard = json(send(HttpRequest.newBuilder(
                URI.create(settings.queryServiceUrl() + OWN_TEAM))
                .header("Authorization", "Bearer " + token).build(), 200));
        return counts(dashboard.get("totals"));
    }

    /** A query-service answer read with {@code token}, which must be 200. */
    JsonNode read(String path, String token) {
        return json(send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path))
                .header("Authorization", "Bearer " + token).build(), 200));
    }

    /**
     * Opens a dashboard stream of query-service's with {@code token} and holds it, whatever it answers, unread until
     * closed (which closes its connection, as a closed tab does).
     */
    Closeable openStream(String path, String token) {
        try {
            InputStream body = http.send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body();
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST to query-service, which must answer {@code expectedStatus}. */
    JsonNode post(String path, String token, String body, int expectedStatus) {
        return json(send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), expectedStatus));
    }

    /** Whether command-service has published every event it stored (its publisher lag, as Prometheus reads it). */
    boolean everyStoredEventPublished() {
        return commandServiceMetrics().lines()
                .anyMatch(line -> line.matches("hls_publisher_lag_events(\\{[^}]*})? 0\\.0"));
    }

    /** How many stored events this command-service instance has published to Kafka since it started. */
    long published() {
        return commandServiceMetrics().lines().filter(line -> line.startsWith("hls_events_published_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private String commandServiceMetrics() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(settings.commandServiceUrl()
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The query-service's health, with its details. */
    JsonNode health() {
        try {
            return json(http.send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the dashboard {@link #totals(String)} reads, live; the returned list fills with each one pushed. */
    List<JsonNode> stream(String token) {
        List<JsonNode> dashboards = new CopyOnWriteArrayList<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + OWN_TEAM_STREAM))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(response -> {
                    try (Stream<String> lines = response.body()) {
                        lines.filter(line -> line.startsWith("data:"))
                                .forEach(line -> dashboards.add(parse(line.substring(5))));
                    }
                }, Benchmark::readOnItsOwnThread);
        return dashboards;
    }

    static Map<String, Long> counts(JsonNode totals) {
        Map<String, Long> counts = new TreeMap<>();
        totals.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    static Map<String, Long> plus(Map<String, Long> totals, String name, long delta) {
        Map<String, Long> result = new TreeMap<>(totals);
        result.merge(name, delta, Long::sum);
        return result;
    }

    private String send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        return parse(body);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
