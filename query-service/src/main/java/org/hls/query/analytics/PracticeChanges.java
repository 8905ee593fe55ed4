package org.hls.query.analytics;

import static org.hls.query.dashboard.Dashboards.countsOf;
import static org.hls.query.dashboard.Dashboards.topThemes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.hls.events.Visibility;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.query.analytics.PracticeChange.ActionLearning;
import org.hls.query.analytics.PracticeChange.Experiments;
import org.hls.query.analytics.PracticeChange.Period;
import org.hls.query.history.History;
import org.hls.query.history.Reading;
import org.hls.query.history.Scope;
import org.hls.query.security.SmallNumbers;
import org.hls.query.security.Tally;
import org.hls.query.web.Filters;

/**
 * How practice changed, bucket by bucket: one scan of the {@link History} within the filters, as known at the
 * instant asked for. Learning counts as on the dashboards (shared and not retracted, on the day it happened);
 * experiments count each step on its day; the days to a first disappointment and to a conclusion are counted from
 * the experiment's start, in the bucket of the disappointment and of the conclusion.
 */
public class PracticeChanges {

    /** About ten years of weeks: a longer series keeps its latest buckets. */
    static final int MAX_BUCKETS = 520;
    private static final int THEMES = 20;
    private static final double DAY = 86_400_000.0;

    private final Supplier<History> history;
    private final Clock clock;

    public PracticeChanges(Supplier<History> history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /** How practice changed within {@code filters}, its counts shown under {@code shown}. */
    public PracticeChange practiceChange(Filters filters, Bucket bucket, SmallNumbers shown) {
        Instant asOf = filters.asOf() == null ? clock.instant() : filters.asOf();
        Scope scope = new Scope(filters.place(), filters.organisation(), filters.team(), filters.theme(),
                filters.range().fromMillis(), filters.range().toMillis(), asOf.toEpochMilli());
        List<Period> periods = history.get().read(reading -> series(reading, scope, bucket, filters, asOf, shown));
        return new PracticeChange(asOf, bucket.label(), echo(filters), shown.exact() ? null : shown, periods);
    }

    private static List<Period> series(Reading reading, Scope scope, Bucket bucket, Filters filters, Instant asOf,
                                       SmallNumbers shown) {
        TreeMap<LocalDate, Counts> counts = new TreeMap<>();
        boolean themed = scope.theme() != null;
        reading.learning(scope, entry -> {
            // A theme is free text: shown, and counted under, only for learning shared with the whole system, and
            // not once its author withdrew (it goes with their words).
            boolean readableByAll = entry.visibility() == Visibility.SYSTEM;
            if (themed && (!readableByAll || entry.authorWithdrew())) {
                return;
            }
            Counts in = counts.computeIfAbsent(bucket.start(day(entry.occurredAt())), start -> new Counts());
            long record = entry.record();
            int group = entry.group();
            in.kinds[entry.kind().ordinal()].add(record, group);
            in.perspectives[entry.perspective().ordinal()].add(record, group);
            // A theme counts the same learning its filter chooses: never that of someone who withdrew.
            if (readableByAll && !entry.authorWithdrew()) {
                entry.themes(theme -> in.themes.computeIfAbsent(reading.theme(theme), counted -> new Tally())
                        .add(record, group));
            }
        });
        // An organisation's or a team's view (exact for the reader's own team) times only disappointments its people
        // may list: never the moment of one another team or organisation kept to itself.
        long[] firstDisappointments = reading.firstDisappointments(scope.asOf(),
                entry -> scope.organisation() == null || listableIn(scope, entry));
        reading.experiments(scope, experiment -> {
            if (themed && (experiment.visibility() != Visibility.SYSTEM || experiment.proposerWithdrew())) {
                return;
            }
            long record = experiment.record();
            int group = experiment.group();
            long started = experiment.startedAt();
            long concluded = experiment.concludedAt();
            if (within(scope, experiment.proposedAt())) {
                in(counts, bucket, experiment.proposedAt()).proposed.add(record, group);
            }
            if (within(scope, started)) {
                in(counts, bucket, started).started.add(record, group);
            }
            // Counted as an experiment adapted in each bucket it was adapted in, however often (two instances' clocks
            // may disagree, so adaptations' times need not follow their order).
            Set<Counts> adaptedIn = new HashSet<>();
            experiment.adaptations(adapted -> {
                if (within(scope, adapted)) {
                    Counts in = in(counts, bucket, adapted);
                    if (adaptedIn.add(in)) {
                        in.adapted.add(record, group);
                    }
                }
            });
            if (within(scope, concluded)) {
                Counts in = in(counts, bucket, concluded);
                in.concluded.add(record, group);
                if (experiment.outcome() != null) { // an imported conclusion may say none
                    in.outcomes[experiment.outcome().ordinal()].add(record, group);
                }
                if (experiment.ending() != null) {
                    in.endings[experiment.ending().ordinal()].add(record, group);
                }
                if (started != History.NEVER) {
                    in.daysToConclusion.add(new Days((concluded - started) / DAY, group));
                    in.concluding.add(record, group);
                }
            }
            long disappointed = firstDisappointments[experiment.row()];
            if (within(scope, disappointed) && started != History.NEVER && disappointed >= started) {
                Counts in = in(counts, bucket, disappointed);
                in.daysToFirstDisappointment.add(new Days((disappointed - started) / DAY, group));
                in.disappointing.add(record, group);
            }
        });
        reading.activities(scope, activity -> {
            Counts in = in(counts, bucket, activity.occurredAt());
            long record = activity.record();
            int group = activity.group();
            switch (activity.activity()) {
                case SESSION_HELD -> in.sessionsHeld.add(record, group);
                case ACTION_COMMITTED -> in.actionsCommitted.add(record, group);
                case ACTION_DONE -> in.actionsDone.add(record, group);
                case SESSION_EVALUATED -> { }
            }
        });
        LocalDate lastDay = filters.range().lastDay() == null
                || filters.range().lastDay().isAfter(day(asOf.toEpochMilli()))
                ? day(asOf.toEpochMilli()) : filters.range().lastDay();
        LocalDate firstDay = filters.range().firstDay();
        LocalDate last = bucket.start(lastDay);
        LocalDate first = firstDay != null ? bucket.start(firstDay) : counts.isEmpty() ? last : counts.firstKey();
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(last); start = bucket.next(start)) {
            starts.add(start);
        }
        List<Period> periods = new ArrayList<>();
        for (LocalDate start : starts.subList(Math.max(0, starts.size() - MAX_BUCKETS), starts.size())) {
            // The first and last may be cut short by the period asked for, or by the instant: each says its own days.
            LocalDate from = firstDay != null && firstDay.isAfter(start) ? firstDay : start;
            LocalDate end = bucket.next(start).minusDays(1);
            periods.add(counts.getOrDefault(start, new Counts()).period(bucket, start, from,
                    end.isAfter(lastDay) ? lastDay : end, shown));
        }
        return periods;
    }

    /** Whether the people of {@code scope}'s organisation (and team, when it names one) may list {@code entry}. */
    private static boolean listableIn(Scope scope, Reading.LearningRow entry) {
        boolean organisation = scope.organisation() != null
                && scope.organisation().equals(entry.where().organisation());
        return switch (entry.visibility()) {
            case SYSTEM -> true;
            case ORGANISATION -> organisation;
            case TEAM -> organisation && scope.team() != null && scope.team().equals(entry.where().team());
            case PRIVATE -> false;
        };
    }

    private static boolean within(Scope scope, long at) {
        return at != History.NEVER && at >= scope.from() && at <= scope.to();
    }

    private static Counts in(Map<LocalDate, Counts> counts, Bucket bucket, long at) {
        return counts.computeIfAbsent(bucket.start(day(at)), start -> new Counts());
    }

    private static LocalDate day(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC);
    }

    private static Map<String, String> echo(Filters filters) {
        Map<String, String> echoed = new LinkedHashMap<>();
        put(echoed, "place", filters.place());
        put(echoed, "organisation", filters.organisation());
        put(echoed, "team", filters.team());
        put(echoed, "theme", filters.theme());
        put(echoed, "from", filters.range().fromText());
        put(echoed, "to", filters.range().toText());
        return echoed;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null) {
            filters.put(name, value);
        }
    }

    /** What happened in one bucket. */
    private static final class Counts {

        private final Tally[] kinds = Tally.each(LearningKind.values().length);
        private final Tally[] perspectives = Tally.each(Perspective.values().length);
        private final Map<String, Tally> themes = new HashMap<>();
        private final Tally[] outcomes = Tally.each(Outcome.values().length);
        private final Tally[] endings = Tally.each(Ending.values().length);
        private final List<Days> daysToFirstDisappointment = new ArrayList<>();
        /** The experiments behind each median, by team: whether it may be shown, and whose days it takes. */
        private final Tally disappointing = new Tally();
        private final List<Days> daysToConclusion = new ArrayList<>();
        private final Tally concluding = new Tally();
        private final Tally proposed = new Tally();
        private final Tally started = new Tally();
        private final Tally adapted = new Tally();
        private final Tally concluded = new Tally();
        private final Tally sessionsHeld = new Tally();
        private final Tally actionsCommitted = new Tally();
        private final Tally actionsDone = new Tally();

        Period period(Bucket bucket, LocalDate start, LocalDate from, LocalDate to, SmallNumbers shown) {
            SmallNumbers ofSets = shown.ofActionLearning();
            Long committed = ofSets.count(actionsCommitted);
            Long done = ofSets.doneOf(ofSets.count(actionsDone), committed);
            return new Period(bucket.name(start), from, to,
                    countsOf(kinds, LearningKind.values(), shown), countsOf(perspectives, Perspective.values(), shown),
                    topThemes(themes, shown, THEMES),
                    new Experiments(shown.count(proposed), shown.count(started), shown.count(adapted),
                            shown.count(concluded)),
                    countsOf(outcomes, Outcome.values(), shown), countsOf(endings, Ending.values(), shown),
                    median(daysToFirstDisappointment, disappointing, shown), median(daysToConclusion, concluding, shown),
                    new ActionLearning(ofSets.count(sessionsHeld), committed, done, ofSets.ratio(done, committed),
                            ofSets.exact() ? null : ofSets));
        }

        /**
         * The median, to a tenth of a day, of the days small-number control lets count; {@code null} for none, or for
         * fewer than it shows.
         */
        private static Double median(List<Days> days, Tally behind, SmallNumbers shown) {
            if (!shown.shows(behind)) {
                return null;
            }
            boolean[] joined = shown.joined(behind);
            List<Double> sorted = new ArrayList<>();
            days.stream().filter(taken -> joined[behind.partOf(taken.group())])
                    .forEach(taken -> sorted.add(taken.days()));
            Collections.sort(sorted);
            int middle = sorted.size() / 2;
            double median = sorted.size() % 2 == 1 ? sorted.get(middle)
                    : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            return Math.round(median * 10) / 10.0;
        }
    }

    /** The days an experiment took to a step, and the team of whoever proposed it. */
    private record Days(double days, int group) {
    }
}
