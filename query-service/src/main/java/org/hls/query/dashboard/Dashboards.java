package org.hls.query.dashboard;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.query.dashboard.Dashboard.ActionLearning;
import org.hls.query.dashboard.Dashboard.RecentLearning;
import org.hls.query.dashboard.Dashboard.ThemeCount;
import org.hls.query.dashboard.Dashboard.Totals;
import org.hls.query.dashboard.Dashboard.WeekCount;
import org.hls.query.history.History;
import org.hls.query.history.Reading;
import org.hls.query.history.Scope;
import org.hls.query.security.SmallNumbers;
import org.hls.query.security.Tally;

/**
 * Every dashboard, whole-system, organisation or team, filtered or not, now or as known at any instant: one scan of
 * the {@link History} within the dashboard's scope. A dashboard of the present that is read again and again (a
 * stream's, {@link Live}) counts its learning further from where its last read stopped.
 * <p>
 * Learning counts when it is shared beyond its author and not retracted (as known at the instant), on the day it
 * happened; an experiment's proposal, start and conclusion count on their days, and "running" means started and not
 * concluded at the end of the asked time; action learning counts sessions held, actions committed and done, and
 * evaluations. Recent learning lists what every reader of the dashboard may read, newest listing first, and reads
 * {@code [withdrawn]} for people who withdrew consent, whenever that was. Themes, which are free text, come only from
 * such learning too, and under a theme filter only such learning (none whose author withdrew) and experiments are
 * counted.
 */
public class Dashboards {

    private static final int RECENT = 10;
    private static final int THEMES = 30;
    private static final int WEEKS = 12;
    private static final int MAX_WEEKS = 53;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Supplier<History> history;
    private final RecentSummaries summaries;
    private final Clock clock;

    public Dashboards(Supplier<History> history, RecentSummaries summaries, Clock clock) {
        this.history = history;
        this.summaries = summaries;
        this.clock = clock;
    }

    /** Whether a dashboard read since this was last asked left learning out of its list for want of its words. */
    boolean wordsLeftOut() {
        return summaries.tookWordsLeftOut();
    }

    public Dashboard dashboard(DashboardQuery query) {
        Instant asOf = query.asOf() == null ? clock.instant() : query.asOf();
        Chart chart = Chart.of(query, asOf);
        History known = history.get();
        Counts counts = known.read(reading -> {
            Scope scope = query.scope(asOf.toEpochMilli());
            LearningCounts learning = new LearningCounts(query, chart);
            learning.count(reading, scope);
            return new Counts(reading, query, scope, learning);
        });
        return dashboard(query, asOf, counts, known);
    }

    /**
     * The dashboard of the present {@code query} asks for, to be read again and again (as a stream does): each read
     * counts only the learning added since the one before, when what that one counted still stands (see {@link Live}).
     */
    public Live live(DashboardQuery query) {
        if (query.asOf() != null) {
            throw new IllegalArgumentException("Only a dashboard of the present is read again as it changes");
        }
        return new Live(query);
    }

    private Dashboard dashboard(DashboardQuery query, Instant asOf, Counts counts, History known) {
        SmallNumbers shown = query.smallNumbers();
        LearningCounts learning = counts.learning;
        return new Dashboard(asOf, query.filters(), shown.exact() ? null : shown, counts.totals(shown),
                countsOf(counts.outcomes, Outcome.values(), shown),
                countsOf(learning.perspectives, Perspective.values(), shown), topThemes(counts.themes, shown, THEMES),
                learning.weekCounts(shown), counts.actionLearning(shown), recent(known, learning.recent()));
    }

    /**
     * A dashboard of the present read again and again. What its learning counted stands while the history is the
     * same one (not rebuilt), no learning entry it holds has changed since (none widened or retracted, no one
     * withdrawn: any such change anywhere means counting afresh), the chart covers the same days, the clock has not
     * gone back, and every learning fact was known by the instant it counted at (else a later instant would count that
     * entry differently): then only the rows added since are counted. Experiments and action learning are counted
     * afresh at each read. Read by one thread at a time.
     */
    public final class Live {

        private final DashboardQuery query;
        /** {@code null} until counted, and while counting: a count that failed half way is never resumed. */
        private LearningCounts learning;
        /** Which history it counted: not held, so that a rebuilt history's predecessor is freed. */
        private WeakReference<History> counted = new WeakReference<>(null);
        /** The history's learning changes when it counted: any since means counting afresh. */
        private long changes;
        /** The instant it counted at. */
        private long countedAt;
        /** Whether every learning fact was known by {@link #countedAt}: else a later instant counts some afresh. */
        private boolean allKnown;
        private boolean resumed;

        private Live(DashboardQuery query) {
            this.query = query;
        }

        /** The dashboard as it now stands: what {@link Dashboards#dashboard} answers for the same query now. */
        public Dashboard read() {
            Instant asOf = clock.instant();
            long at = asOf.toEpochMilli();
            Chart chart = Chart.of(query, asOf);
            History known = history.get();
            Counts counts = known.read(reading -> {
                boolean resuming = learning != null && allKnown && known == counted.get()
                        && changes == reading.learningChanges() && chart.equals(learning.chart) && at >= countedAt;
                LearningCounts counting = resuming ? learning : new LearningCounts(query, chart);
                learning = null;
                Scope scope = query.scope(at);
                counting.count(reading, scope);
                learning = counting;
                resumed = resuming;
                counted = new WeakReference<>(known);
                changes = reading.learningChanges();
                countedAt = at;
                allKnown = reading.learningKnownUntil() <= at;
                return new Counts(reading, query, scope, learning);
            });
            return dashboard(query, asOf, counts, known);
        }

        /** Whether the last read counted only the learning added since the read before it. */
        boolean resumed() {
            return resumed;
        }
    }

    /**
     * A version of what every dashboard reads: it changes whenever any may have (new events, a new day, which moves the
     * weekly chart, or this clock reaching an event the service that recorded it timed ahead of it, which a read
     * until then leaves out).
     */
    public String version() {
        History known = history.get();
        Instant now = clock.instant();
        String version = known.version() + "@" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        long ahead = known.nextKnownAfter(now.toEpochMilli());
        return ahead == Long.MIN_VALUE ? version : version + "~" + ahead;
    }

    /**
     * The days the weekly chart covers: from {@code weeksFrom}, a whole number of ISO weeks ending with
     * {@code last}'s (the period's last day, or today if sooner).
     */
    private record Chart(LocalDate weeksFrom, LocalDate last) {

        static Chart of(DashboardQuery query, Instant asOf) {
            LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            LocalDate lastDay = query.range().lastDay();
            LocalDate last = lastDay == null || lastDay.isAfter(today) ? today : lastDay;
            return new Chart(weeksFrom(query.range().firstDay(), last), last);
        }

        private static LocalDate weeksFrom(LocalDate from, LocalDate last) {
            LocalDate monday = last.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            if (from == null) {
                return monday.minusWeeks(WEEKS - 1);
            }
            LocalDate earliest = monday.minusWeeks(MAX_WEEKS - 1);
            return from.isBefore(earliest) ? earliest : from;
        }
    }

    /** The listed learning that has something to say, reading {@code [withdrawn]} for those who withdrew consent. */
    private List<RecentLearning> recent(History known, List<Listed> listed) {
        // The history knows of a withdrawal as soon as the stream is pushed for it, so it is asked too.
        Map<String, String> said = summaries.of(listed.stream().map(Listed::id).toList(), known);
        return listed.stream().filter(item -> said.containsKey(item.id())).limit(RECENT)
                .map(item -> new RecentLearning(item.id(), item.kind().name(), said.get(item.id()),
                        Instant.ofEpochMilli(item.occurredAt())))
                .toList();
    }

    /** The ISO week a day falls in, as {@code 2026-W48}. */
    static String weekOf(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Counts by name, as shown (a {@code null} value reads "fewer than"). */
    public static Map<String, Long> countsOf(Tally[] counted, Enum<?>[] values, SmallNumbers shown) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            counts.put(value.name(), shown.count(counted[value.ordinal()]));
        }
        return counts;
    }

    /**
     * The most counted themes as shown, most first (those reading "fewer than" last), then by name: the order tells
     * no more than the figures.
     */
    public static List<ThemeCount> topThemes(Map<String, Tally> counted, SmallNumbers shown, int top) {
        return counted.entrySet().stream().map(theme -> new ThemeCount(theme.getKey(), shown.count(theme.getValue())))
                .sorted(Comparator.comparing(ThemeCount::count, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(ThemeCount::theme))
                .limit(top).toList();
    }

    /** A learning entry a dashboard may list, by when it was listed. */
    private record Listed(String id, LearningKind kind, long occurredAt, long listedAt) {
    }

    /**
     * What a dashboard's learning counts, over the history's learning rows from the first to {@link #rows}: counted
     * further as rows are added.
     */
    private static final class LearningCounts {

        private final Chart chart;
        private final DashboardQuery query;
        private final Tally[] kinds = Tally.each(LearningKind.values().length);
        private final Tally[] perspectives = Tally.each(Perspective.values().length);
        /** Learning per ISO week of the chart, by kind: week 0 is the one the chart's first day falls in. */
        private final Tally[][] weeks;
        private final long firstMonday;
        private final long chartFrom;
        private final long chartTo;
        /** By theme number, made when a theme is first counted: most dashboards count few of the themes known. */
        private Tally[] themeCounts = new Tally[0];
        /** Twice as many as shown, in case some have nothing to say yet. */
        private final PriorityQueue<Listed> newest = new PriorityQueue<>(Comparator.comparingLong(Listed::listedAt));
        private int rows;

        LearningCounts(DashboardQuery query, Chart chart) {
            this.chart = chart;
            this.query = query;
            chartFrom = chart.weeksFrom().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            chartTo = chart.last().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            // Weeks by day arithmetic, not by formatting each day: the scan visits every entry of the chart.
            firstMonday = chart.weeksFrom().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toEpochDay();
            // None when the period begins after its last day (from in the future, or after asOf): nothing to chart.
            weeks = new Tally[(int) Math.max(0, Math.floorDiv(chart.last().toEpochDay() - firstMonday, 7) + 1)][];
            for (int week = 0; week < weeks.length; week++) {
                weeks[week] = Tally.each(LearningKind.values().length);
            }
        }

        /** Counts the learning rows added since it last counted, within {@code scope}. */
        void count(Reading reading, Scope scope) {
            if (themeCounts.length < reading.themes()) {
                themeCounts = Arrays.copyOf(themeCounts, reading.themes());
            }
            boolean themed = scope.theme() != null;
            int to = reading.learningRows();
            reading.learning(scope, rows, to, entry -> {
                // A theme is free text: shown, and counted under, only where every reader of this dashboard may
                // read the entry (as its list shows it), so that no filter counts what its reader may not see; it goes
                // with the words of someone who withdrew, and so does the entry when a theme chose it.
                boolean readableByEveryReader = !query.listed().isWiderThan(entry.visibility());
                if (themed && (!readableByEveryReader || entry.authorWithdrew())) {
                    return;
                }
                long record = entry.record();
                int group = entry.group();
                kinds[entry.kind().ordinal()].add(record, group);
                perspectives[entry.perspective().ordinal()].add(record, group);
                // Their themes go with their words: counted as the filter chooses, or the difference would be theirs.
                if (readableByEveryReader && !entry.authorWithdrew()) {
                    entry.themes(theme -> {
                        if (themeCounts[theme] == null) {
                            themeCounts[theme] = new Tally();
                        }
                        themeCounts[theme].add(record, group);
                    });
                }
                long at = entry.occurredAt();
                if (at >= chartFrom && at < chartTo) {
                    weeks[(int) ((Math.floorDiv(at, MILLIS_PER_DAY) - firstMonday) / 7)][entry.kind().ordinal()]
                            .add(record, group);
                }
                if (readableByEveryReader) {
                    newest.add(new Listed(entry.id(), entry.kind(), at, entry.listedAt()));
                    if (newest.size() > 2 * RECENT) {
                        newest.poll();
                    }
                }
            });
            rows = to;
        }

        /** The themes someone who has not withdrawn used, by name. */
        Map<String, Tally> themes(Reading reading) {
            Map<String, Tally> themes = new HashMap<>();
            for (int theme = 0; theme < themeCounts.length; theme++) {
                if (themeCounts[theme] != null) {
                    themes.put(reading.theme(theme), themeCounts[theme]);
                }
            }
            return themes;
        }

        /** The listed learning, newest listing first. */
        List<Listed> recent() {
            return newest.stream().sorted(Comparator.comparingLong(Listed::listedAt).reversed()).toList();
        }

        List<WeekCount> weekCounts(SmallNumbers shown) {
            List<WeekCount> counts = new ArrayList<>();
            for (int number = 0; number < weeks.length; number++) {
                LocalDate monday = LocalDate.ofEpochDay(firstMonday + 7L * number);
                LocalDate sunday = monday.plusDays(6);
                Tally[] week = weeks[number];
                // The first and last weeks as far as the chart covers them: a part week is not read as a whole one.
                LocalDate from = monday.isBefore(chart.weeksFrom()) ? chart.weeksFrom() : monday;
                LocalDate to = sunday.isAfter(chart.last()) ? chart.last() : sunday;
                counts.add(new WeekCount(weekOf(monday), from, to,
                        shown.count(week[LearningKind.BREAKTHROUGH.ordinal()]),
                        shown.count(week[LearningKind.DISAPPOINTMENT.ordinal()]),
                        shown.count(week[LearningKind.REFLECTION.ordinal()])));
            }
            return counts;
        }
    }

    /** What one read of the history counts for one dashboard: its learning's, its experiments' and action learning's. */
    private static final class Counts {

        private final LearningCounts learning;
        private final Map<String, Tally> themes;
        private final Tally[] outcomes = Tally.each(Outcome.values().length);
        private final Tally proposed = new Tally();
        private final Tally active = new Tally();
        private final Tally concluded = new Tally();
        private final Tally sessionsHeld = new Tally();
        private final Tally actionsCommitted = new Tally();
        private final Tally actionsDone = new Tally();
        private final Tally evaluations = new Tally();

        Counts(Reading reading, DashboardQuery query, Scope scope, LearningCounts learning) {
            this.learning = learning;
            this.themes = learning.themes(reading);
            boolean themed = scope.theme() != null;
            reading.experiments(scope, experiment -> {
                // As with learning: a theme chooses no experiment of someone who withdrew (its themes went with them).
                if (themed && (query.listed().isWiderThan(experiment.visibility()) || experiment.proposerWithdrew())) {
                    return;
                }
                long record = experiment.record();
                int group = experiment.group();
                if (scope.from() <= experiment.proposedAt() && experiment.proposedAt() <= scope.to()) {
                    proposed.add(record, group);
                }
                long concludedAt = experiment.concludedAt();
                if (concludedAt != History.NEVER && scope.from() <= concludedAt && concludedAt <= scope.to()) {
                    concluded.add(record, group);
                    if (experiment.outcome() != null) { // an imported conclusion may say none
                        outcomes[experiment.outcome().ordinal()].add(record, group);
                    }
                }
                long startedAt = experiment.startedAt();
                if (startedAt != History.NEVER && startedAt <= scope.to() && (concludedAt == History.NEVER
                        || concludedAt > scope.to())) {
                    active.add(record, group);
                }
            });
            reading.activities(scope, activity -> {
                long record = activity.record();
                int group = activity.group();
                switch (activity.activity()) {
                    case SESSION_HELD -> sessionsHeld.add(record, group);
                    case ACTION_COMMITTED -> actionsCommitted.add(record, group);
                    case ACTION_DONE -> actionsDone.add(record, group);
                    case SESSION_EVALUATED -> {
                        evaluations.add(record, group, activity.score());
                    }
                }
            });
        }

        Totals totals(SmallNumbers shown) {
            Tally[] kinds = learning.kinds;
            return new Totals(shown.count(proposed), shown.count(active), shown.count(concluded),
                    shown.count(kinds[LearningKind.BREAKTHROUGH.ordinal()]),
                    shown.count(kinds[LearningKind.DISAPPOINTMENT.ordinal()]),
                    shown.count(kinds[LearningKind.REFLECTION.ordinal()]));
        }

        ActionLearning actionLearning(SmallNumbers control) {
            SmallNumbers shown = control.ofActionLearning();
            Long committed = shown.count(actionsCommitted);
            Long done = shown.doneOf(shown.count(actionsDone), committed);
            return new ActionLearning(shown.count(sessionsHeld), committed, done, shown.ratio(done, committed),
                    shown.mean(evaluations), shown.exact() ? null : shown);
        }
    }
}
