package org.hls.infra.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hls.events.EventJson;
import org.hls.infra.embedded.DevTokenIssuer;
import org.hls.infra.launcher.CampaignLoad.Attempt;
import org.hls.infra.launcher.CampaignLoad.Kind;

/**
 * The checker of a fault campaign, run once the faults are over: it compares every command that was answered 2xx
 * with the event store, the topic and the read models. Every accepted command is in the event store exactly once and
 * on the topic at least once; every stored entry is counted exactly once on the dashboard and listed once in the
 * feed, every stored action once in its set's session; what is stored beyond the accepted commands is no more than the commands that got no answer (each fully in
 * or fully out: one event each, whole); and every projection rebuilt from the event store shows the same.
 */
final class CampaignCheck {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String TOPIC = "learning-events";
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);

    private final PlatformSettings settings;
    private final HttpClient http = HttpClient.newHttpClient();

    CampaignCheck(PlatformSettings settings) {
        this.settings = settings;
    }

    /**
     * Every discrepancy between {@code attempts} and what the platform holds (beside the aggregates it held before,
     * {@code storedBefore}, which the campaign did not write): none once the platform has settled
     * (published and projected what it holds) and agrees, or what still disagrees after {@link #SETTLE_WITHIN}.
     */
    List<String> discrepancies(List<Attempt> attempts, Set<String> storedBefore, String setId) {
        List<String> found = within(() -> compare(attempts, storedBefore, setId));
        if (!found.isEmpty()) {
            return found;
        }
        // What the live projections show, read once: every rebuild is compared with it, not with an earlier one.
        ObjectNode live = withoutAsOf(read("/api/dashboards/system", leader()));
        List<String> liveFeed = feedIds();
        List<String> liveActions = actionIds(setId);
        return within(() -> rebuiltTheSame(live, liveFeed, setId, liveActions));
    }

    /** The aggregates the event store holds events of. */
    Set<String> storedAggregates() {
        Set<String> ids = new HashSet<>();
        storedEvents().forEach(event -> ids.add(event.get("aggregateId").asText()));
        return ids;
    }

    private List<String> compare(List<Attempt> attempts, Set<String> storedBefore, String setId) {
        List<String> found = new ArrayList<>();
        List<JsonNode> stored = storedEvents();
        Map<Kind, List<String>> storedIds = new EnumMap<>(Kind.class);
        /** What the dashboard counts for the load's team: the test around a campaign may record as others too. */
        Map<Kind, Long> storedInTheTeam = new EnumMap<>(Kind.class);
        Set<String> eventIds = new HashSet<>();
        Set<String> streamPlaces = new HashSet<>();
        for (JsonNode event : stored) {
            if (!eventIds.add(event.get("eventId").asText())) {
                found.add("event " + event.get("eventId").asText() + " is stored twice");
            }
            String place = event.get("aggregateId").asText() + "@" + event.get("sequenceNumber").asLong();
            if (!streamPlaces.add(place)) {
                found.add("two events are stored at " + place + ": the aggregate's stream forked");
            }
            String type = event.get("type").asText();
            JsonNode actor = event.get("payload").path("actor");
            boolean inTheTeam = CampaignLoad.ORGANISATION.equals(actor.path("organisation").asText())
                    && CampaignLoad.TEAM.equals(actor.path("team").asText());
            if (inTheTeam && type.equals("LearningRecorded")) {
                storedInTheTeam.merge(Kind.valueOf(event.get("payload").get("kind").asText()), 1L, Long::sum);
            } else if (inTheTeam && type.equals("ExperimentProposed")) {
                storedInTheTeam.merge(Kind.EXPERIMENT, 1L, Long::sum);
            }
            if (type.equals("LearningRecorded")) {
                storedIds.computeIfAbsent(Kind.valueOf(event.get("payload").get("kind").asText()),
                        kind -> new ArrayList<>()).add(event.get("aggregateId").asText());
            } else if (type.equals("ExperimentProposed")) {
                storedIds.computeIfAbsent(Kind.EXPERIMENT, kind -> new ArrayList<>())
                        .add(event.get("aggregateId").asText());
            } else if (type.equals("ActionCommitted") && event.get("aggregateId").asText().equals(setId)) {
                storedIds.computeIfAbsent(Kind.ACTION, kind -> new ArrayList<>())
                        .add(event.get("payload").get("actionId").asText());
            }
        }
        for (Kind kind : Kind.values()) {
            List<String> ids = storedIds.getOrDefault(kind, List.of());
            Set<String> accepted = new HashSet<>();
            attempts.stream().filter(attempt -> attempt.kind() == kind && attempt.accepted())
                    .forEach(attempt -> accepted.add(attempt.id()));
            long unanswered = attempts.stream().filter(attempt -> attempt.kind() == kind
                    && attempt.indeterminate()).count();
            Map<String, Integer> times = new HashMap<>();
            ids.forEach(id -> times.merge(id, 1, Integer::sum));
            accepted.stream().filter(id -> times.getOrDefault(id, 0) != 1).forEach(id -> found.add(kind
                    + " " + id + " was answered 2xx and is stored " + times.getOrDefault(id, 0) + " times"));
            long beyond = times.keySet().stream().filter(id -> !accepted.contains(id) && !storedBefore.contains(id))
                    .count();
            if (beyond > unanswered) {
                found.add(beyond + " " + kind + " stored without a 2xx, but only " + unanswered
                        + " such commands got no answer or an unconfirmed one: a refused command was recorded");
            }
        }
        Set<String> onTopic = eventIdsOnTheTopic();
        long missing = eventIds.stream().filter(id -> !onTopic.contains(id)).count();
        if (missing > 0) {
            found.add(missing + " stored events are not on the topic");
        }
        // Every counted command of the load comes from its one team, whose own members read its counts as they are.
        JsonNode totals = read("/api/dashboards/system?organisation=" + CampaignLoad.ORGANISATION + "&team="
                + CampaignLoad.TEAM, leader()).get("totals");
        Map<String, Kind> counted = Map.of("breakthroughs", Kind.BREAKTHROUGH, "disappointments",
                Kind.DISAPPOINTMENT, "reflections", Kind.REFLECTION, "experimentsProposed", Kind.EXPERIMENT);
        counted.forEach((field, kind) -> {
            long expected = storedInTheTeam.getOrDefault(kind, 0L);
            if (totals.get(field).asLong() != expected) {
                found.add("the dashboard counts " + totals.get(field).asLong() + " " + field + ", the event store "
                        + "holds " + expected);
            }
        });
        Set<String> storedLearning = new HashSet<>();
        List.of(Kind.BREAKTHROUGH, Kind.DISAPPOINTMENT, Kind.REFLECTION)
                .forEach(kind -> storedLearning.addAll(storedIds.getOrDefault(kind, List.of())));
        List<String> feed = feedIds();
        if (feed.size() != new HashSet<>(feed).size()) {
            found.add("the feed lists " + (feed.size() - new HashSet<>(feed).size()) + " entries twice");
        }
        if (!new HashSet<>(feed).equals(storedLearning)) {
            found.add("the feed lists " + feed.size() + " entries, the event store holds " + storedLearning.size());
        }
        List<String> actions = actionIds(setId);
        List<String> storedActions = storedIds.getOrDefault(Kind.ACTION, List.of());
        if (actions.size() != new HashSet<>(actions).size()) {
            found.add("the set's session lists " + (actions.size() - new HashSet<>(actions).size())
                    + " actions twice");
        }
        if (!new HashSet<>(actions).equals(new HashSet<>(storedActions))) {
            found.add("the set's session lists " + actions.size() + " actions, the event store holds "
                    + storedActions.size());
        }
        return found;
    }

    /** Every projection rebuilt from the event store shows what it showed before. */
    private List<String> rebuiltTheSame(ObjectNode before, List<String> feedBefore, String setId,
                                        List<String> actionsBefore) {
        String admin = admin();
        List<String> names = new ArrayList<>();
        read("/api/admin/projections", admin).forEach(projection -> names.add(projection.get("name").asText()));
        // Every rebuild at once (each runs in its own thread): one after another took most of a minute.
        for (String name : names) {
            send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + "/api/admin/projections/" + name
                            + "/rebuild")).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"event-store\"}")).build(), 202);
        }
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        for (String name : names) {
            while (!"finished".equals(read("/api/admin/projections/" + name, admin).path("rebuild").path("state")
                    .asText())) {
                if (System.nanoTime() > deadline) {
                    return List.of("the rebuild of " + name + " did not finish within " + SETTLE_WITHIN);
                }
                LauncherProcess.pause(Duration.ofMillis(200));
            }
        }
        List<String> found = new ArrayList<>();
        if (!withoutAsOf(read("/api/dashboards/system", leader())).equals(before)) {
            found.add("the dashboard rebuilt from the event store differs from the live one");
        }
        if (!feedIds().equals(feedBefore)) {
            found.add("the feed rebuilt from the event store differs from the live one");
        }
        if (!actionIds(setId).equals(actionsBefore)) {
            found.add("the set rebuilt from the event store differs from the live one");
        }
        return found;
    }

    /** Asks {@code check} until it finds nothing, or {@link #SETTLE_WITHIN} is over: then what it found last. */
    private static List<String> within(Supplier<List<String>> check) {
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        List<String> found;
        do {
            try {
                found = check.get();
            } catch (RuntimeException e) {
                found = List.of("the platform did not answer the checker: " + e);
            }
            if (found.isEmpty()) {
                return found;
            }
            LauncherProcess.pause(Duration.ofSeconds(1));
        } while (System.nanoTime() < deadline);
        return found;
    }

    private List<JsonNode> storedEvents() {
        String lines = send(HttpRequest.newBuilder(URI.create(settings.commandServiceUrl() + "/api/admin/events"))
                .header("Authorization", "Bearer " + admin()).build(), 200);
        return lines.lines().filter(line -> !line.isBlank()).map(CampaignCheck::parse).toList();
    }

    private Set<String> eventIdsOnTheTopic() {
        Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:" + settings.kafkaPort(),
                "key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class,
                "enable.auto.commit", false);
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    ids.add(parse(record.value()).get("eventId").asText());
                }
            }
        }
        return ids;
    }

    /** Every entry's id in the feed, newest first, page by page. */
    private List<String> feedIds() {
        List<String> ids = new ArrayList<>();
        String leader = leader();
        String next = "";
        while (next != null) {
            JsonNode page = read("/api/learning?size=100" + next, leader);
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            next = page.get("next").isNull() ? null : "&before=" + page.get("next").asLong();
        }
        return ids;
    }

    /** Every action listed in the set's sessions, in their order, as its presenter reads them. */
    private List<String> actionIds(String setId) {
        List<String> ids = new ArrayList<>();
        read("/api/sets/" + setId, token(CampaignLoad.PRESENTER, "PRACTITIONER")).get("sessions")
                .forEach(session -> session.get("actions").forEach(action -> ids.add(action.get("actionId")
                        .asText())));
        return ids;
    }

    private static ObjectNode withoutAsOf(JsonNode dashboard) {
        ObjectNode copy = dashboard.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    private JsonNode read(String path, String token) {
        return parse(send(HttpRequest.newBuilder(URI.create(settings.queryServiceUrl() + path))
                .header("Authorization", "Bearer " + token).build(), 200));
    }

    /** The platform's operator: an administrator who may also read the whole event store and see the projections. */
    private String admin() {
        return token("campaign-admin", "ADMIN", ",\"scope\":\"" + DevTokenIssuer.OPERATOR_SCOPE + "\"");
    }

    private String leader() {
        return token("campaign-leader", "LEADER");
    }

    private String token(String person, String role) {
        return token(person, role, "");
    }

    private String token(String person, String role, String scope) {
        String claims = "{\"sub\":\"" + person + "\",\"name\":\"Checker\",\"roles\":[\"" + role + "\"],"
                + "\"organisation\":\"" + CampaignLoad.ORGANISATION + "\",\"team\":\"" + CampaignLoad.TEAM
                + "\",\"place\":\"campaign\"" + scope + "}";
        return parse(send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/dev/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(claims))
                .build(), 200)).get("access_token").asText();
    }

    private String send(HttpRequest request, int expected) {
        HttpResponse<String> answer = HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }
}
