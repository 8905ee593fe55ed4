package org.hls.query.dashboard;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.hls.events.DomainEvent;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.Visibility;
import org.hls.query.dashboard.SystemDashboard.ActionLearning;
import org.hls.query.dashboard.SystemDashboard.RecentLearning;
import org.hls.query.dashboard.SystemDashboard.ThemeCount;
import org.hls.query.dashboard.SystemDashboard.Totals;
import org.hls.query.dashboard.SystemDashboard.WeekCount;
import org.hls.query.person.ConsentProjection;
import org.hls.query.projection.GuardedWrites;
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
 * Counting an experiment's start needs its visibility, told only at proposal; counting a learning entry's amplification
 * or retraction needs what was counted for it before. A small document per experiment and per learning entry keeps
 * that, guarded by the aggregate's sequence number. The shard is written before those documents, so a crash between
 * the writes is repaired by the repeat, which skips the shard and writes the documents.
 * <p>
 * Recent learning leaves out entries retracted since they were listed, and reads {@code [withdrawn]} for people who
 * withdrew consent, both decided when the dashboard is read.
 */
@Component
public class SystemDashboardProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(SystemDashboardProjection.class);
    private static final int RECENT = 10;
    /** Each shard keeps a few more than it shows, so that retractions do not empty the list. */
    private static final int RECENT_KEPT = 20;
    private static final int THEMES = 30;
    private static final int WEEKS = 12;

    private final MongoCollection<Document> shards;
    private final MongoCollection<Document> experiments;
    private final MongoCollection<Document> entries;
    private final ConsentProjection consent;
    private final List<String> shardIds;
    private final Clock clock;

    SystemDashboardProjection(MongoDatabase viewsDatabase, @Value("${hls.kafka.partitions}") int partitions,
                              ConsentProjection consent, Clock clock) {
        this.shards = viewsDatabase.getCollection("system_dashboard_shards");
        this.experiments = viewsDatabase.getCollection("system_dashboard_experiments");
        this.entries = viewsDatabase.getCollection("system_dashboard_learning");
        this.consent = consent;
        this.shardIds = IntStream.range(0, partitions).mapToObj(SystemDashboardProjection::shardId).toList();
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
     * position it was read at; then the documents of the experiments, entries and people they touched.
     */
    private void applyToShard(int partition, List<ProjectedEvent> delivered) {
        List<ProjectedEvent> events = firstDeliveries(delivered);
        List<EntryStep> steps = entrySteps(events);
        String shardId = shardId(partition);
        while (true) {
            Document shard = shards.find(new Document("_id", shardId)).first();
            long applied = shard == null ? 0 : shard.getLong("position");
            ProjectedEvent firstFresh = events.stream().filter(event -> event.position() > applied).findFirst()
                    .orElse(null);
            if (firstFresh == null) {
                break;
            }
            Document update = changesOf(events, steps, applied)
                    .append("$set", new Document("position", events.get(events.size() - 1).position()));
            Document unapplied = GuardedWrites.unapplied(shardId, "position", firstFresh.position());
            if (GuardedWrites.updateUnlessApplied(shards, unapplied, update, true)) {
                break;
            }
        }
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ExperimentProposed proposed) {
                rememberExperiment(proposed.experimentId(), proposed.visibility().isShared(), event.sequence());
            }
        }
        Map<String, DashboardEntry> touched = new LinkedHashMap<>();
        steps.forEach(step -> touched.put(step.learningId(), step.next()));
        touched.forEach((learningId, entry) -> GuardedWrites.updateUnlessApplied(entries,
                GuardedWrites.unapplied(learningId, "sequence", entry.sequence()),
                new Document("$set", entry.toDocument()), true));
    }

    /** A partition's events in increasing position, each once: a repeat within the poll is dropped. */
    private static List<ProjectedEvent> firstDeliveries(List<ProjectedEvent> delivered) {
        List<ProjectedEvent> events = new ArrayList<>(delivered.size());
        long last = 0;
        for (ProjectedEvent event : delivered) {
            if (event.position() > last) {
                events.add(event);
                last = event.position();
            }
        }
        return events;
    }

    /**
     * The shard update that counts the events above {@code applied}: increments and the latest learning shared with
     * the system. The whole poll is walked, so that what came before a fresh event in it (a proposal, a recording)
     * is known even when the shard counted it already and its document was not yet written.
     */
    private Document changesOf(List<ProjectedEvent> events, List<EntryStep> steps, long applied) {
        Map<String, Long> increments = new LinkedHashMap<>();
        List<Document> recent = new ArrayList<>();
        Map<String, Boolean> proposedHere = new HashMap<>();
        for (ProjectedEvent event : events) {
            DomainEvent payload = event.payload();
            if (payload instanceof ExperimentProposed proposed) {
                proposedHere.put(proposed.experimentId(), proposed.visibility().isShared());
            }
            if (event.position() <= applied) {
                continue;
            }
            if (payload instanceof ExperimentProposed proposed) {
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
            } else if (payload instanceof SessionClosed) {
                increments.merge("actionLearning.sessionsHeld", 1L, Long::sum);
            } else if (payload instanceof ActionCommitted) {
                increments.merge("actionLearning.actionsCommitted", 1L, Long::sum);
            } else if (payload instanceof ActionUpdated updated && updated.status() == ActionStatus.DONE) {
                increments.merge("actionLearning.actionsDone", 1L, Long::sum);
            } else if (payload instanceof SessionEvaluated evaluated) {
                increments.merge("actionLearning.evaluations", 1L, Long::sum);
                increments.merge("actionLearning.scoreTotal", (long) evaluated.score(), Long::sum);
            }
        }
        for (EntryStep step : steps) {
            ProjectedEvent event = step.event();
            DashboardEntry previous = step.previous();
            DashboardEntry next = step.next();
            if (event.position() <= applied) {
                continue;
            }
            if (next.counted() && (previous == null || !previous.counted())) {
                count(increments, next, 1);
            } else if (!next.counted() && previous != null && previous.counted()) {
                count(increments, previous, -1);
            }
            if (next.visibility() == Visibility.SYSTEM && !next.retracted()
                    && (previous == null || previous.visibility() != Visibility.SYSTEM)) {
                recent.add(new Document("id", step.learningId()).append("kind", next.kind())
                        .append("summary", next.summary()).append("author", next.author())
                        .append("at", next.at()).append("position", event.position()));
            }
        }
        Document update = new Document();
        if (!increments.isEmpty()) {
            update.append("$inc", new Document(increments));
        }
        if (!recent.isEmpty()) {
            List<Document> latest = recent.subList(Math.max(0, recent.size() - RECENT_KEPT), recent.size());
            update.append("$push", new Document("recent",
                    new Document("$each", latest).append("$slice", -RECENT_KEPT)));
        }
        return update;
    }

    /** Counts a learning entry in (+1) or out (-1) of the shared numbers. */
    private static void count(Map<String, Long> increments, DashboardEntry entry, long by) {
        increments.merge("counts." + entry.kind(), by, Long::sum);
        increments.merge("perspectives." + entry.perspective(), by, Long::sum);
        entry.themes().forEach(theme -> increments.merge("themes." + key(theme), by, Long::sum));
        increments.merge("weeks." + weekOf(Instant.parse(entry.at())) + "." + entry.kind(), by, Long::sum);
    }

    /** The ISO week an instant falls in (UTC), as {@code 2026-W48}. */
    static String weekOf(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * What each learning event does to its entry: the entry before it (from earlier in the poll, or as stored) and
     * after it. Read once per poll, for counting and then for writing the entries.
     */
    private List<EntryStep> entrySteps(List<ProjectedEvent> events) {
        Map<String, DashboardEntry> latest = new HashMap<>();
        List<EntryStep> steps = new ArrayList<>();
        for (ProjectedEvent event : events) {
            if (changesLearningEntry(event.payload())) {
                String learningId = event.envelope().aggregateId();
                DashboardEntry previous = latest.containsKey(learningId) ? latest.get(learningId)
                        : storedEntry(learningId);
                DashboardEntry next = DashboardEntry.after(previous, event);
                if (next != null) {
                    latest.put(learningId, next);
                    steps.add(new EntryStep(learningId, event, previous, next));
                }
            }
        }
        return steps;
    }

    /** One learning event and the entry's state before and after it. */
    private record EntryStep(String learningId, ProjectedEvent event, DashboardEntry previous, DashboardEntry next) {
    }

    private static boolean changesLearningEntry(DomainEvent payload) {
        return payload instanceof LearningRecorded || payload instanceof LearningAmplified
                || payload instanceof LearningRetracted;
    }

    private DashboardEntry storedEntry(String learningId) {
        Document stored = entries.find(new Document("_id", learningId)).first();
        return stored == null ? null : DashboardEntry.of(stored);
    }

    /**
     * Which version of the dashboard is stored: the positions its shards have reached. It changes whenever the
     * dashboard may have, whichever instance of this service applied the events; one exact-key read.
     */
    public String version() {
        Map<String, Long> positions = new HashMap<>();
        shards.find(new Document("_id", new Document("$in", shardIds)))
                .projection(new Document("position", 1))
                .forEach(shard -> positions.put(shard.getString("_id"), shard.getLong("position")));
        return shardIds.stream().map(id -> Long.toString(positions.getOrDefault(id, 0L)))
                .collect(Collectors.joining("-"));
    }

    public SystemDashboard dashboard() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> outcomes = zeros(Outcome.values());
        Map<String, Long> perspectives = zeros(Perspective.values());
        Map<String, Long> themes = new LinkedHashMap<>();
        Map<String, Long> actionLearning = new HashMap<>();
        List<Document> recent = new ArrayList<>();
        Map<String, Map<String, Long>> weeks = new HashMap<>();
        for (Document shard : shards.find(new Document("_id", new Document("$in", shardIds)))) {
            Document shardWeeks = shard.get("weeks", Document.class);
            if (shardWeeks != null) {
                shardWeeks.forEach((week, kinds) -> add(weeks.computeIfAbsent(week, w -> new HashMap<>()),
                        (Document) kinds));
            }
            add(counts, shard.get("counts", Document.class));
            add(outcomes, shard.get("outcomes", Document.class));
            add(perspectives, shard.get("perspectives", Document.class));
            add(themes, shard.get("themes", Document.class));
            add(actionLearning, shard.get("actionLearning", Document.class));
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
        Instant now = clock.instant();
        return new SystemDashboard(now, totals, outcomes, perspectives, themeCounts, lastWeeks(weeks, now),
                actionLearningOf(actionLearning), latest(recent));
    }

    /** The last {@value #WEEKS} weeks up to {@code now}'s, oldest first, with a zero for a week without learning. */
    private static List<WeekCount> lastWeeks(Map<String, Map<String, Long>> weeks, Instant now) {
        List<WeekCount> last = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int back = WEEKS - 1; back >= 0; back--) {
            String week = weekOf(day.minusWeeks(back).atStartOfDay(ZoneOffset.UTC).toInstant());
            Map<String, Long> kinds = weeks.getOrDefault(week, Map.of());
            last.add(new WeekCount(week, kinds.getOrDefault(LearningKind.BREAKTHROUGH.name(), 0L),
                    kinds.getOrDefault(LearningKind.DISAPPOINTMENT.name(), 0L),
                    kinds.getOrDefault(LearningKind.REFLECTION.name(), 0L)));
        }
        return last;
    }

    /**
     * The newest shared learning, leaving out what was retracted since it was listed, and reading {@code [withdrawn]}
     * for people who withdrew consent: two exact-key lookups over the few listed ids.
     */
    private List<RecentLearning> latest(List<Document> recent) {
        List<Document> candidates = recent.stream()
                .sorted(Comparator.comparingLong((Document item) -> item.getLong("position")).reversed())
                .toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> retracted = new HashSet<>();
        entries.find(new Document("_id", new Document("$in", candidates.stream().map(c -> c.getString("id"))
                        .toList())).append("retracted", true))
                .forEach(entry -> retracted.add(entry.getString("_id")));
        Set<String> withdrawnAuthors = consent.withdrawnAmong(candidates.stream()
                .map(candidate -> candidate.getString("author")).toList());
        return candidates.stream()
                .filter(item -> !retracted.contains(item.getString("id")))
                .limit(RECENT)
                .map(item -> new RecentLearning(item.getString("id"), item.getString("kind"),
                        ConsentProjection.shown(item.getString("summary"), item.getString("author"), withdrawnAuthors),
                        Instant.parse(item.getString("at"))))
                .toList();
    }

    private static ActionLearning actionLearningOf(Map<String, Long> counts) {
        long committed = counts.getOrDefault("actionsCommitted", 0L);
        long done = counts.getOrDefault("actionsDone", 0L);
        long evaluations = counts.getOrDefault("evaluations", 0L);
        return new ActionLearning(counts.getOrDefault("sessionsHeld", 0L), committed, done,
                committed == 0 ? 0.0 : (double) done / committed,
                evaluations == 0 ? 0.0 : (double) counts.getOrDefault("scoreTotal", 0L) / evaluations);
    }

    private void rememberExperiment(String experimentId, boolean shared, long sequence) {
        GuardedWrites.updateUnlessApplied(experiments, GuardedWrites.unapplied(experimentId, "sequence", sequence),
                new Document("$set", new Document("shared", shared).append("sequence", sequence)), true);
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
