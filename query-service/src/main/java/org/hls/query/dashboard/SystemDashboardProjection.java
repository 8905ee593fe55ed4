package org.hls.query.dashboard;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.DomainEvent;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.events.Visibility;
import org.hls.query.dashboard.SystemDashboard.ActionLearning;
import org.hls.query.dashboard.SystemDashboard.RecentLearning;
import org.hls.query.dashboard.SystemDashboard.ThemeCount;
import org.hls.query.dashboard.SystemDashboard.Totals;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The whole-system dashboard, kept as one counter document per Kafka partition ("shard").
 * <p>
 * Each shard is only ever changed by events of its own partition, which arrive in increasing global position. A batch
 * of a partition's events is applied in one atomic update of its shard: only the events above the shard's
 * {@code position}, conditional on that position, raising it to the last one. A repeat, or a replay after a crash,
 * finds its positions already covered and changes nothing. Reading the dashboard is one {@code $in} over the shard
 * ids: no scan, whatever the history.
 * <p>
 * Counting an experiment's start needs its visibility, told only at proposal: a small document per experiment keeps
 * it, guarded by the aggregate's sequence number. The shard is written before that document, so a crash between the
 * two writes is repaired by the repeat, which skips the shard and writes the document.
 */
@Component
public class SystemDashboardProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(SystemDashboardProjection.class);
    private static final int RECENT = 10;
    private static final int THEMES = 30;

    private final MongoCollection<Document> shards;
    private final MongoCollection<Document> experiments;
    private final List<String> shardIds;
    private final DashboardChanges changes;
    private final Clock clock;

    SystemDashboardProjection(MongoDatabase viewsDatabase, @Value("${hls.kafka.partitions}") int partitions,
                              DashboardChanges changes, Clock clock) {
        this.shards = viewsDatabase.getCollection("system_dashboard_shards");
        this.experiments = viewsDatabase.getCollection("system_dashboard_experiments");
        this.shardIds = IntStream.range(0, partitions).mapToObj(SystemDashboardProjection::shardId).toList();
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        Map<Integer, List<ProjectedEvent>> byPartition = new LinkedHashMap<>();
        events.forEach(event -> byPartition.computeIfAbsent(event.partition(), p -> new ArrayList<>()).add(event));
        byPartition.forEach(this::applyToShard);
    }

    /**
     * One atomic update of the partition's shard for all the events above its position, conditional on the
     * position it was read at; then the experiments' documents.
     */
    private void applyToShard(int partition, List<ProjectedEvent> events) {
        String shardId = shardId(partition);
        while (true) {
            Document shard = shards.find(new Document("_id", shardId)).first();
            long applied = shard == null ? 0 : shard.getLong("position");
            List<ProjectedEvent> fresh = events.stream().filter(event -> event.position() > applied).toList();
            if (fresh.isEmpty()) {
                break;
            }
            Document update = changesOf(fresh)
                    .append("$set", new Document("position", fresh.get(fresh.size() - 1).position()));
            Document unapplied = new Document("_id", shardId)
                    .append("position", new Document("$lt", fresh.get(0).position()));
            if (upsertOnce(shards, unapplied, update)) {
                changes.changed();
                break;
            }
        }
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ExperimentProposed proposed) {
                rememberExperiment(proposed.experimentId(), proposed.visibility().isShared(), event.sequence());
            }
        }
    }

    /** The shard update that counts these events: increments and the latest learning shared with the system. */
    private Document changesOf(List<ProjectedEvent> events) {
        Map<String, Long> increments = new LinkedHashMap<>();
        List<Document> recent = new ArrayList<>();
        Map<String, Boolean> proposedHere = new HashMap<>();
        for (ProjectedEvent event : events) {
            DomainEvent payload = event.payload();
            if (payload instanceof ExperimentProposed proposed) {
                proposedHere.put(proposed.experimentId(), proposed.visibility().isShared());
                if (proposed.visibility().isShared()) {
                    increments.merge("counts.experimentsProposed", 1L, Long::sum);
                }
            } else if (payload instanceof ExperimentStarted started
                    && isShared(started.experimentId(), proposedHere)) {
                increments.merge("counts.experimentsStarted", 1L, Long::sum);
            } else if (payload instanceof ExperimentConcluded concluded
                    && isShared(concluded.experimentId(), proposedHere)) {
                increments.merge("counts.experimentsConcluded", 1L, Long::sum);
                increments.merge("outcomes." + concluded.outcome(), 1L, Long::sum);
            } else if (payload instanceof LearningRecorded learning && learning.visibility().isShared()) {
                increments.merge("counts." + learning.kind(), 1L, Long::sum);
                increments.merge("perspectives." + learning.perspective(), 1L, Long::sum);
                learning.themes().forEach(theme -> increments.merge("themes." + key(theme), 1L, Long::sum));
                if (learning.visibility() == Visibility.SYSTEM) {
                    recent.add(new Document("id", learning.learningId()).append("kind", learning.kind().name())
                            .append("summary", learning.summary()).append("at", learning.occurredAt().toString())
                            .append("position", event.position()));
                }
            }
        }
        Document update = new Document();
        if (!increments.isEmpty()) {
            update.append("$inc", new Document(increments));
        }
        if (!recent.isEmpty()) {
            List<Document> latest = recent.subList(Math.max(0, recent.size() - RECENT), recent.size());
            update.append("$push", new Document("recent",
                    new Document("$each", latest).append("$slice", -RECENT)));
        }
        return update;
    }

    public SystemDashboard dashboard() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> outcomes = zeros(Outcome.values());
        Map<String, Long> perspectives = zeros(Perspective.values());
        Map<String, Long> themes = new LinkedHashMap<>();
        List<Document> recent = new ArrayList<>();
        for (Document shard : shards.find(new Document("_id", new Document("$in", shardIds)))) {
            add(counts, shard.get("counts", Document.class));
            add(outcomes, shard.get("outcomes", Document.class));
            add(perspectives, shard.get("perspectives", Document.class));
            add(themes, shard.get("themes", Document.class));
            recent.addAll(shard.getList("recent", Document.class, List.of()));
        }
        long started = counts.getOrDefault("experimentsStarted", 0L);
        long concluded = counts.getOrDefault("experimentsConcluded", 0L);
        Totals totals = new Totals(counts.getOrDefault("experimentsProposed", 0L), started - concluded, concluded,
                counts.getOrDefault(LearningKind.BREAKTHROUGH.name(), 0L),
                counts.getOrDefault(LearningKind.DISAPPOINTMENT.name(), 0L),
                counts.getOrDefault(LearningKind.REFLECTION.name(), 0L));
        List<ThemeCount> themeCounts = themes.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> new ThemeCount(URLDecoder.decode(entry.getKey(), StandardCharsets.UTF_8),
                        entry.getValue()))
                .sorted(Comparator.comparingLong(ThemeCount::count).reversed().thenComparing(ThemeCount::theme))
                .limit(THEMES).toList();
        List<RecentLearning> latest = recent.stream()
                .sorted(Comparator.comparingLong((Document item) -> item.getLong("position")).reversed())
                .limit(RECENT)
                .map(item -> new RecentLearning(item.getString("id"), item.getString("kind"),
                        item.getString("summary"), Instant.parse(item.getString("at"))))
                .toList();
        return new SystemDashboard(clock.instant(), totals, outcomes, perspectives, themeCounts,
                new ActionLearning(0, 0, 0, 0.0, 0.0), latest);
    }

    private void rememberExperiment(String experimentId, boolean shared, long sequence) {
        Document unapplied = new Document("_id", experimentId).append("sequence", new Document("$lt", sequence));
        upsertOnce(experiments, unapplied,
                new Document("$set", new Document("shared", shared).append("sequence", sequence)));
    }

    private boolean isShared(String experimentId, Map<String, Boolean> proposedHere) {
        if (proposedHere.containsKey(experimentId)) {
            return proposedHere.get(experimentId);
        }
        Document experiment = experiments.find(new Document("_id", experimentId)).first();
        if (experiment == null) {
            log.warn("Experiment {} was never proposed in this projection; its later events are not counted",
                    experimentId);
            return false;
        }
        return experiment.getBoolean("shared", false);
    }

    /** An upsert whose filter carries the progress guard: a document already past it answers E11000, a no-op. */
    private static boolean upsertOnce(MongoCollection<Document> collection, Document unapplied, Document update) {
        try {
            collection.updateOne(unapplied, update, new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static String shardId(int partition) {
        return "partition-" + partition;
    }

    /** A theme as a field name: no dots or dollars, reversibly. */
    private static String key(String theme) {
        return URLEncoder.encode(theme, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }

    private static Map<String, Long> zeros(Enum<?>[] values) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            zeros.put(value.name(), 0L);
        }
        return zeros;
    }

    private static void add(Map<String, Long> into, Document counts) {
        if (counts != null) {
            counts.forEach((name, count) -> into.merge(name, ((Number) count).longValue(), Long::sum));
        }
    }
}
