package org.hls.query.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.query.dashboard.Dashboard.ActionLearning;
import org.hls.query.dashboard.Dashboard.RecentLearning;
import org.hls.query.dashboard.Dashboard.ThemeCount;
import org.hls.query.dashboard.Dashboard.Totals;
import org.hls.query.dashboard.Dashboard.WeekCount;
import org.hls.query.person.ConsentProjection;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every dashboard, whole-system, organisation or team, filtered or not, read from counters kept per scope and month.
 * <p>
 * Each event is counted in every {@link DashboardScope} it falls in (its author's place, organisation and team, each
 * or any, with each of its themes or any), in that scope's document for its month and Kafka partition, which holds a
 * counter set per day (UTC). A dashboard is one {@code $in} over its scope's month documents: exact keys, whatever
 * the history; the months that exist are listed in one small progress document per partition.
 * <p>
 * Each document is only ever changed by events of its own partition, which arrive in increasing global position, and
 * carries the position it has applied. A poll's events for a document are applied in one atomic update, conditional
 * on its position; a repeat, or a replay after a crash, finds its positions covered and changes nothing, and a
 * retried poll carrying more events applies only those above the stored position. All of a poll's updates go to the
 * store in one bulk write, then the partition's progress is raised: a dashboard's version.
 * <p>
 * Counting an experiment's start needs its visibility and scope, told only at proposal; counting a learning entry's
 * amplification or retraction needs what was counted for it before. A small document per experiment and per entry
 * keeps that, guarded by the aggregate's sequence number, written after the counters: a crash between the writes is
 * repaired by the repeat, which skips the counters and writes the documents.
 * <p>
 * Recent learning leaves out entries retracted since they were listed, and reads {@code [withdrawn]} for people who
 * withdrew consent, both decided when the dashboard is read.
 * <p>
 * Two instances share this code ({@link Dashboards}), each fed by a consumer group of its own: the whole system's, so
 * that a wall screen never waits, and every narrower scope's, which costs a write per scope an event falls in.
 */
public final class DashboardProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(DashboardProjection.class);
    private static final int RECENT = 10;
    /** Each document keeps a few more than a dashboard shows, so that retractions do not empty the list. */
    private static final int RECENT_KEPT = 20;
    private static final int THEMES = 30;
    private static final int WEEKS = 12;
    private static final int MAX_WEEKS = 53;

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> progress;
    private final MongoCollection<Document> experiments;
    private final MongoCollection<Document> entries;
    private final ConsentProjection consent;
    private final int partitions;
    private final Clock clock;
    private final String name;
    private final String group;
    private final Predicate<DashboardScope> keeps;

    private DashboardProjection(MongoDatabase viewsDatabase, int partitions, ConsentProjection consent, Clock clock,
                                String name, String group, Predicate<DashboardScope> keeps) {
        this.counters = viewsDatabase.getCollection(name + "_counters");
        this.progress = viewsDatabase.getCollection(name + "_progress");
        this.experiments = viewsDatabase.getCollection(name + "_experiments");
        this.entries = viewsDatabase.getCollection(name + "_learning");
        this.consent = consent;
        this.partitions = partitions;
        this.clock = clock;
        this.name = name;
        this.group = group;
        this.keeps = keeps;
    }

    /** The whole-system dashboard, unfiltered by scope, in the live consumer group: one document per poll. */
    static DashboardProjection wholeSystem(MongoDatabase viewsDatabase, int partitions, ConsentProjection consent,
                                           Clock clock) {
        return new DashboardProjection(viewsDatabase, partitions, consent, clock, "system_dashboard", LIVE,
                DashboardScope::isEverything);
    }

    /** Every other scope: place, organisation, team and theme in any combination, in a consumer group of its own. */
    static DashboardProjection scoped(MongoDatabase viewsDatabase, int partitions, ConsentProjection consent,
                                      Clock clock) {
        return new DashboardProjection(viewsDatabase, partitions, consent, clock, "scoped_dashboards", DASHBOARDS,
                scope -> !scope.isEverything());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        Map<Integer, List<ProjectedEvent>> byPartition = new LinkedHashMap<>();
        events.forEach(event -> byPartition.computeIfAbsent(event.partition(), p -> new ArrayList<>()).add(event));
        byPartition.forEach(this::applyPartition);
    }

    /** The counters a partition's events change, each document in one guarded update; then the memory documents. */
    private void applyPartition(int partition, List<ProjectedEvent> delivered) {
        Changes changes = new Changes(partition, keeps);
        Map<String, ExperimentFacts> proposedHere = new HashMap<>();
        Map<String, DashboardEntry> touched = new LinkedHashMap<>();
        for (ProjectedEvent event : firstDeliveries(delivered)) {
            DomainEvent payload = event.payload();
            LocalDate day = LocalDate.ofInstant(payload.occurredAt(), ZoneOffset.UTC);
            if (payload instanceof ExperimentProposed proposed) {
                ExperimentFacts facts = ExperimentFacts.of(proposed, event.sequence());
                proposedHere.put(proposed.experimentId(), facts);
                if (facts.shared()) {
                    changes.count(event, facts.proposer(), facts.themes(), day, Map.of("counts.experimentsProposed", 1L));
                }
            } else if (payload instanceof ExperimentStarted started) {
                ExperimentFacts facts = experiment(started.experimentId(), proposedHere);
                if (facts != null && facts.shared()) {
                    changes.count(event, facts.proposer(), facts.themes(), day, Map.of("counts.experimentsStarted", 1L));
                }
            } else if (payload instanceof ExperimentConcluded concluded) {
                ExperimentFacts facts = experiment(concluded.experimentId(), proposedHere);
                if (facts != null && facts.shared()) {
                    changes.count(event, facts.proposer(), facts.themes(), day, Map.of(
                            "counts.experimentsConcluded", 1L, "outcomes." + concluded.outcome(), 1L));
                }
            } else if (payload instanceof SessionClosed) {
                changes.count(event, payload.actor(), List.of(), day, Map.of("actionLearning.sessionsHeld", 1L));
            } else if (payload instanceof ActionCommitted) {
                changes.count(event, payload.actor(), List.of(), day, Map.of("actionLearning.actionsCommitted", 1L));
            } else if (payload instanceof ActionUpdated updated && updated.status() == ActionStatus.DONE) {
                changes.count(event, payload.actor(), List.of(), day, Map.of("actionLearning.actionsDone", 1L));
            } else if (payload instanceof SessionEvaluated evaluated) {
                changes.count(event, payload.actor(), List.of(), day, Map.of("actionLearning.evaluations", 1L,
                        "actionLearning.scoreTotal", (long) evaluated.score()));
            } else if (payload instanceof LearningRecorded || payload instanceof LearningAmplified
                    || payload instanceof LearningRetracted) {
                String learningId = event.envelope().aggregateId();
                // A recording starts an entry: what is stored for it can only be the same or later, already counted.
                DashboardEntry previous = touched.containsKey(learningId) ? touched.get(learningId)
                        : payload instanceof LearningRecorded ? null : storedEntry(learningId);
                DashboardEntry next = DashboardEntry.after(previous, event);
                if (next != null) {
                    touched.put(learningId, next);
                    countEntry(changes, event, learningId, previous, next);
                }
            }
        }
        changes.writeTo(counters, progress);
        proposedHere.forEach(this::rememberExperiment);
        touched.forEach((learningId, entry) -> GuardedWrites.updateUnlessApplied(entries,
                GuardedWrites.unapplied(learningId, "sequence", entry.sequence()),
                new Document("$set", entry.toDocument()), true));
    }

    /**
     * A learning entry counted in (when it becomes shared and is not retracted) or out (when retracted), always on
     * the day it was recorded as happening; listed as recent whenever it becomes visible more widely.
     */
    private static void countEntry(Changes changes, ProjectedEvent event, String learningId, DashboardEntry previous,
                                   DashboardEntry next) {
        boolean wasCounted = previous != null && previous.counted();
        if (next.counted() != wasCounted) {
            DashboardEntry counted = next.counted() ? next : previous;
            long by = next.counted() ? 1 : -1;
            Map<String, Long> increments = new LinkedHashMap<>();
            increments.put("counts." + counted.kind(), by);
            increments.put("perspectives." + counted.perspective(), by);
            counted.themes().forEach(theme -> increments.put("themes." + DashboardScope.encoded(theme), by));
            changes.count(event, counted.author(), counted.themes(), counted.day(), increments);
        }
        if (next.counted() && (previous == null || next.visibility().isWiderThan(previous.visibility()))) {
            changes.list(event, next, new Document("id", learningId).append("kind", next.kind())
                    .append("summary", next.summary()).append("author", next.author().personId())
                    .append("at", next.at()).append("position", event.position()));
        }
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

    private DashboardEntry storedEntry(String learningId) {
        Document stored = entries.find(new Document("_id", learningId)).first();
        return stored == null ? null : DashboardEntry.of(stored);
    }

    /**
     * Which version of the dashboards is stored: the positions each partition has reached, and today's date (a new
     * day moves the weekly chart). It changes whenever a dashboard may have, whichever instance of this service
     * applied the events; one exact-key read.
     */
    public String version() {
        Map<String, Long> positions = new HashMap<>();
        progress.find(new Document("_id", new Document("$in", progressIds())))
                .projection(new Document("position", 1))
                .forEach(stored -> positions.put(stored.getString("_id"), stored.getLong("position")));
        return progressIds().stream().map(id -> Long.toString(positions.getOrDefault(id, 0L)))
                .collect(Collectors.joining("-")) + "@" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public Dashboard dashboard(DashboardQuery query) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate last = query.to() == null || query.to().isAfter(today) ? today : query.to();
        LocalDate weeksFrom = weeksFrom(query.from(), last);
        DashboardScope scope = query.scope();

        Set<String> months = new TreeSet<>();
        progress.find(new Document("_id", new Document("$in", progressIds())))
                .forEach(partition -> months.addAll(partition.getList("months", String.class, List.of())));
        Tally counted = new Tally();
        Tally untilLast = new Tally();
        Map<String, Tally> weeks = new HashMap<>();
        List<Document> recent = new ArrayList<>();
        List<String> ids = months.stream().filter(month -> month.compareTo(monthOf(last)) <= 0)
                .flatMap(month -> IntStream.range(0, partitions).mapToObj(p -> counterId(p, scope, month))).toList();
        if (!ids.isEmpty()) {
            for (Document month : counters.find(new Document("_id", new Document("$in", ids)))) {
                month.get("days", new Document()).forEach((key, value) -> {
                    LocalDate day = LocalDate.parse(key);
                    Document dayCounters = (Document) value;
                    if (day.isAfter(last)) {
                        return;
                    }
                    untilLast.add(dayCounters);
                    if (query.from() == null || !day.isBefore(query.from())) {
                        counted.add(dayCounters);
                        if (!day.isBefore(weeksFrom)) {
                            weeks.computeIfAbsent(weekOf(day), week -> new Tally()).add(dayCounters);
                        }
                    }
                });
                listed(month, query.listed()).stream()
                        .filter(item -> within(item.getString("at"), query.from(), last)).forEach(recent::add);
            }
        }
        long active = untilLast.get("counts", "experimentsStarted") - untilLast.get("counts", "experimentsConcluded");
        return new Dashboard(now, query.filters(), totals(counted, Math.max(0, active)),
                countsOf(counted.section("outcomes"), Outcome.values()),
                countsOf(counted.section("perspectives"), Perspective.values()), themes(counted),
                weekCounts(weeks, weeksFrom, last), actionLearningOf(counted), latest(recent));
    }

    /** From which day the weekly chart counts: a whole number of ISO weeks ending with {@code last}'s. */
    private static LocalDate weeksFrom(LocalDate from, LocalDate last) {
        LocalDate monday = last.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (from == null) {
            return monday.minusWeeks(WEEKS - 1);
        }
        LocalDate earliest = monday.minusWeeks(MAX_WEEKS - 1);
        return from.isBefore(earliest) ? earliest : from;
    }

    private static List<WeekCount> weekCounts(Map<String, Tally> weeks, LocalDate from, LocalDate last) {
        List<WeekCount> counts = new ArrayList<>();
        for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
             !monday.isAfter(last); monday = monday.plusWeeks(1)) {
            String week = weekOf(monday);
            Tally tally = weeks.getOrDefault(week, new Tally());
            counts.add(new WeekCount(week, tally.get("counts", LearningKind.BREAKTHROUGH.name()),
                    tally.get("counts", LearningKind.DISAPPOINTMENT.name()),
                    tally.get("counts", LearningKind.REFLECTION.name())));
        }
        return counts;
    }

    private static Totals totals(Tally counted, long active) {
        return new Totals(counted.get("counts", "experimentsProposed"), active,
                counted.get("counts", "experimentsConcluded"),
                counted.get("counts", LearningKind.BREAKTHROUGH.name()),
                counted.get("counts", LearningKind.DISAPPOINTMENT.name()),
                counted.get("counts", LearningKind.REFLECTION.name()));
    }

    private static List<ThemeCount> themes(Tally counted) {
        return counted.section("themes").entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> new ThemeCount(URLDecoder.decode(entry.getKey(), StandardCharsets.UTF_8),
                        entry.getValue()))
                .sorted(Comparator.comparingLong(ThemeCount::count).reversed().thenComparing(ThemeCount::theme))
                .limit(THEMES).toList();
    }

    private static ActionLearning actionLearningOf(Tally counted) {
        long committed = counted.get("actionLearning", "actionsCommitted");
        long done = counted.get("actionLearning", "actionsDone");
        long evaluations = counted.get("actionLearning", "evaluations");
        return new ActionLearning(counted.get("actionLearning", "sessionsHeld"), committed, done,
                committed == 0 ? 0.0 : (double) done / committed,
                evaluations == 0 ? 0.0 : (double) counted.get("actionLearning", "scoreTotal") / evaluations);
    }

    /** The learning a document lists as recent that a dashboard listing {@code listed} or wider may show. */
    private static List<Document> listed(Document counters, Visibility listed) {
        Document lists = counters.get("recent", new Document());
        List<Document> items = new ArrayList<>();
        for (Visibility visibility : Visibility.values()) {
            if (visibility.isShared() && !listed.isWiderThan(visibility)) {
                items.addAll(lists.getList(visibility.name(), Document.class, List.of()));
            }
        }
        return items;
    }

    private static boolean within(String at, LocalDate from, LocalDate last) {
        LocalDate day = LocalDate.ofInstant(Instant.parse(at), ZoneOffset.UTC);
        return (from == null || !day.isBefore(from)) && !day.isAfter(last);
    }

    /**
     * The newest listed learning, each once, leaving out what was retracted since it was listed, and reading
     * {@code [withdrawn]} for people who withdrew consent: two exact-key lookups over the few listed ids.
     */
    private List<RecentLearning> latest(List<Document> listed) {
        Map<String, Document> newest = new LinkedHashMap<>();
        listed.stream().sorted(Comparator.comparingLong((Document item) -> item.getLong("position")).reversed())
                .forEach(item -> newest.putIfAbsent(item.getString("id"), item));
        if (newest.isEmpty()) {
            return List.of();
        }
        Set<String> retracted = new HashSet<>();
        entries.find(new Document("_id", new Document("$in", List.copyOf(newest.keySet()))).append("retracted", true))
                .forEach(entry -> retracted.add(entry.getString("_id")));
        Set<String> withdrawnAuthors = consent.withdrawnAmong(newest.values().stream()
                .map(item -> item.getString("author")).toList());
        return newest.values().stream()
                .filter(item -> !retracted.contains(item.getString("id")))
                .limit(RECENT)
                .map(item -> new RecentLearning(item.getString("id"), item.getString("kind"),
                        ConsentProjection.shown(item.getString("summary"), item.getString("author"), withdrawnAuthors),
                        Instant.parse(item.getString("at"))))
                .toList();
    }

    /** The ISO week a day falls in, as {@code 2026-W48}. */
    static String weekOf(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String monthOf(LocalDate day) {
        return day.toString().substring(0, 7);
    }

    private List<String> progressIds() {
        return IntStream.range(0, partitions).mapToObj(DashboardProjection::progressId).toList();
    }

    private static String progressId(int partition) {
        return "p" + partition;
    }

    private static String counterId(int partition, DashboardScope scope, String period) {
        return "p" + partition + ":" + scope.key() + ":" + period;
    }

    private void rememberExperiment(String experimentId, ExperimentFacts facts) {
        GuardedWrites.updateUnlessApplied(experiments,
                GuardedWrites.unapplied(experimentId, "sequence", facts.sequence()),
                new Document("$set", facts.toDocument()), true);
    }

    private ExperimentFacts experiment(String experimentId, Map<String, ExperimentFacts> proposedHere) {
        if (proposedHere.containsKey(experimentId)) {
            return proposedHere.get(experimentId);
        }
        Document stored = experiments.find(new Document("_id", experimentId)).first();
        if (stored == null) {
            log.warn("Experiment {} was never proposed in this projection; its later events are not counted",
                    experimentId);
            return null;
        }
        return ExperimentFacts.of(stored);
    }

    private static Map<String, Long> countsOf(Map<String, Long> counted, Enum<?>[] values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            counts.put(value.name(), counted.getOrDefault(value.name(), 0L));
        }
        return counts;
    }

    /**
     * What a poll changes, per counter document: each event's increments and listings in position order, so that a
     * document that applied some of them already takes only the rest.
     */
    private static final class Changes {

        private final int partition;
        private final Predicate<DashboardScope> keeps;
        private final Map<String, List<Change>> byDocument = new LinkedHashMap<>();
        private final Set<String> months = new TreeSet<>();
        private long lastPosition;

        Changes(int partition, Predicate<DashboardScope> keeps) {
            this.partition = partition;
            this.keeps = keeps;
        }

        /** Adds {@code increments} to every scope of {@code actor}'s work on {@code themes}, on {@code day}. */
        void count(ProjectedEvent event, Actor actor, List<String> themes, LocalDate day,
                   Map<String, Long> increments) {
            String month = monthOf(day);
            for (DashboardScope scope : DashboardScope.reachedBy(actor, themes)) {
                if (!keeps.test(scope)) {
                    continue;
                }
                Change monthly = change(counterId(partition, scope, month), month, event.position());
                increments.forEach((field, by) -> monthly.increments.merge("days." + day + "." + field, by, Long::sum));
            }
        }

        /**
         * Lists the entry as recent, under its visibility, in its day's month, in every scope whose dashboards may
         * show it: a team's entry only where the team is fixed, an organisation's only where the organisation is.
         */
        void list(ProjectedEvent event, DashboardEntry entry, Document item) {
            String field = "recent." + entry.visibility().name();
            String month = monthOf(entry.day());
            for (DashboardScope scope : DashboardScope.reachedBy(entry.author(), entry.themes())) {
                if (keeps.test(scope) && scope.mayList(entry.visibility())) {
                    change(counterId(partition, scope, month), month, event.position()).listed
                            .computeIfAbsent(field, f -> new ArrayList<>()).add(item);
                }
            }
        }

        private Change change(String documentId, String month, long position) {
            months.add(month);
            lastPosition = Math.max(lastPosition, position);
            List<Change> changes = byDocument.computeIfAbsent(documentId, id -> new ArrayList<>());
            if (changes.isEmpty() || changes.get(changes.size() - 1).position != position) {
                changes.add(new Change(position));
            }
            return changes.get(changes.size() - 1);
        }

        /**
         * Writes the counters in one unordered bulk write of guarded updates (a document that applied some of its
         * changes already is then written on its own), then raises the partition's progress, listing the months
         * written: when a dashboard's version moves, its counters are there already.
         */
        void writeTo(MongoCollection<Document> counters, MongoCollection<Document> progress) {
            if (byDocument.isEmpty()) {
                return;
            }
            List<String> ids = List.copyOf(byDocument.keySet());
            List<UpdateOneModel<Document>> updates = ids.stream().map(id -> new UpdateOneModel<Document>(
                    GuardedWrites.unapplied(id, "position", byDocument.get(id).get(0).position),
                    update(byDocument.get(id)), new UpdateOptions().upsert(true))).toList();
            try {
                counters.bulkWrite(updates, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException partly) {
                for (BulkWriteError error : partly.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw partly;
                    }
                    String id = ids.get(error.getIndex());
                    write(counters, id, byDocument.get(id));
                }
            }
            GuardedWrites.updateUnlessApplied(progress, GuardedWrites.unapplied(progressId(partition), "position",
                    lastPosition), new Document("$set", new Document("position", lastPosition))
                    .append("$addToSet", new Document("months", new Document("$each", List.copyOf(months)))), true);
        }

        /** Applies the changes above the document's position, in one update conditional on that position. */
        private static void write(MongoCollection<Document> counters, String id, List<Change> changes) {
            List<Change> fresh = changes;
            while (!fresh.isEmpty()) {
                if (GuardedWrites.updateUnlessApplied(counters,
                        GuardedWrites.unapplied(id, "position", fresh.get(0).position), update(fresh), true)) {
                    return;
                }
                Document stored = counters.find(new Document("_id", id)).projection(new Document("position", 1))
                        .first();
                long applied = stored == null ? 0 : stored.getLong("position");
                fresh = changes.stream().filter(change -> change.position > applied).toList();
            }
        }

        private static Document update(List<Change> changes) {
            Map<String, Long> increments = new LinkedHashMap<>();
            Map<String, List<Document>> listed = new LinkedHashMap<>();
            for (Change change : changes) {
                change.increments.forEach((field, by) -> increments.merge(field, by, Long::sum));
                change.listed.forEach((field, items) -> listed.computeIfAbsent(field, f -> new ArrayList<>())
                        .addAll(items));
            }
            Document update = new Document("$set",
                    new Document("position", changes.get(changes.size() - 1).position));
            if (!increments.isEmpty()) {
                update.append("$inc", new Document(increments));
            }
            if (!listed.isEmpty()) {
                Document pushes = new Document();
                listed.forEach((field, items) -> pushes.append(field, new Document("$each",
                        items.subList(Math.max(0, items.size() - RECENT_KEPT), items.size()))
                        .append("$slice", -RECENT_KEPT)));
                update.append("$push", pushes);
            }
            return update;
        }
    }

    /** One event's part in one counter document. */
    private static final class Change {

        private final long position;
        private final Map<String, Long> increments = new LinkedHashMap<>();
        private final Map<String, List<Document>> listed = new LinkedHashMap<>();

        Change(long position) {
            this.position = position;
        }
    }
}
