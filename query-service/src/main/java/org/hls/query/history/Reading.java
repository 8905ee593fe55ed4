package org.hls.query.history;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import org.hls.events.Visibility;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;

/**
 * The history as a reader sees it, while it holds the read lock: scans of what was known at an instant within a
 * scope. Each scan hands out one row object, moved from row to row: read it within the call, never keep it.
 */
public final class Reading {

    private static final List<LearningKind> KINDS = List.of(LearningKind.values());
    private static final List<Perspective> PERSPECTIVES = List.of(Perspective.values());
    private static final List<Outcome> OUTCOMES = List.of(Outcome.values());
    private static final List<Ending> ENDINGS = List.of(Ending.values());
    private static final List<Activity> ACTIVITIES = List.of(Activity.values());

    private final History history;

    Reading(History history) {
        this.history = history;
    }

    /**
     * Every learning entry the shared numbers count as known at the scope's instant (recorded by then, shared beyond
     * its author by then, not retracted by then), by an author within the scope, on its theme, that happened within
     * its time.
     */
    public void learning(Scope scope, Consumer<LearningRow> visitor) {
        learning(scope, 0, history.learning.size(), visitor);
    }

    /** As {@link #learning(Scope, Consumer)}, over the rows from {@code from} (inclusive) to {@code to}. */
    public void learning(Scope scope, int from, int to, Consumer<LearningRow> visitor) {
        LearningTable table = history.learning;
        boolean[] admitted = scope.byWhere() ? history.wheres.admitted(scope.place(), scope.organisation(),
                scope.team()) : null;
        int theme = themeNumber(scope);
        if (theme == Names.NONE && scope.theme() != null) {
            return;
        }
        LearningRow row = new LearningRow(scope.asOf());
        long asOf = scope.asOf();
        for (int i = from, end = Math.min(to, table.size()); i < end; i++) {
            if (table.knownAt.get(i) > asOf || table.retractedAt.get(i) <= asOf
                    || !scope.happened(table.occurredAt.get(i))
                    || admitted != null && !admitted[table.where.get(i)]
                    || theme != Names.NONE && !hasTheme(table.themesFrom.get(i), table.themeCount.get(i), theme)) {
                continue;
            }
            row.row = i;
            if (row.visibility().isShared()) {
                visitor.accept(row);
            }
        }
    }

    /**
     * Every experiment proposed, and shared beyond its proposer, as known at the scope's instant, by a proposer within
     * the scope, on its theme; whenever its steps happened (the visitor compares them with the time it asks about).
     */
    public void experiments(Scope scope, Consumer<ExperimentRow> visitor) {
        experiments(scope, 0, history.experiments.size(), visitor);
    }

    /** As {@link #experiments(Scope, Consumer)}, over the rows from {@code from} (inclusive) to {@code to}. */
    public void experiments(Scope scope, int from, int to, Consumer<ExperimentRow> visitor) {
        ExperimentTable table = history.experiments;
        boolean[] admitted = scope.byWhere() ? history.wheres.admitted(scope.place(), scope.organisation(),
                scope.team()) : null;
        int theme = themeNumber(scope);
        if (theme == Names.NONE && scope.theme() != null) {
            return;
        }
        ExperimentRow row = new ExperimentRow(scope.asOf());
        for (int i = from, end = Math.min(to, table.size()); i < end; i++) {
            if (table.proposedKnownAt.get(i) > scope.asOf() || !table.visibilityAt(i, scope.asOf()).isShared()
                    || admitted != null && !admitted[table.where.get(i)]
                    || theme != Names.NONE && !hasTheme(table.themesFrom.get(i), table.themeCount.get(i), theme)) {
                continue;
            }
            row.row = i;
            visitor.accept(row);
        }
    }

    /**
     * Every action learning activity known at the scope's instant, by someone within the scope, within its time.
     * Action learning has no themes: under a theme there is none.
     */
    public void activities(Scope scope, Consumer<ActivityRow> visitor) {
        if (scope.theme() != null) {
            return;
        }
        ActivityTable table = history.activities;
        boolean[] admitted = scope.byWhere() ? history.wheres.admitted(scope.place(), scope.organisation(),
                scope.team()) : null;
        ActivityRow row = new ActivityRow();
        for (int i = 0, size = table.size(); i < size; i++) {
            if (table.knownAt.get(i) > scope.asOf() || !scope.happened(table.occurredAt.get(i))
                    || admitted != null && !admitted[table.where.get(i)]) {
                continue;
            }
            row.row = i;
            visitor.accept(row);
        }
    }

    /**
     * When the first disappointment recorded against each experiment since it started happened, as the shared numbers
     * count disappointments and starts known at {@code asOf}, of those {@code counted}; {@link History#NEVER} for none
     * (or not started). Indexed by experiment row.
     */
    public long[] firstDisappointments(long asOf, Predicate<LearningRow> counted) {
        long[] first = new long[history.experiments.size()];
        java.util.Arrays.fill(first, History.NEVER);
        learning(Scope.everything(asOf), entry -> {
            int experiment = history.learning.experiment.get(entry.row);
            // One before the start (while proposed, or noted offline just before) is not the first since it.
            if (experiment >= 0 && entry.kind() == LearningKind.DISAPPOINTMENT && counted.test(entry)
                    && history.experiments.startedKnownAt.get(experiment) <= asOf
                    && entry.occurredAt() >= history.experiments.startedAt.get(experiment)) {
                first[experiment] = Math.min(first[experiment], entry.occurredAt());
            }
        });
        return first;
    }

    /** How many learning entries it holds: every learning row is below it. */
    public int learningRows() {
        return history.learning.size();
    }

    /**
     * A number that changes whenever learning already held may have changed (an entry widened or retracted, or anyone
     * withdrawing consent): while it stands, new learning only adds rows.
     */
    public long learningChanges() {
        return history.learningChanges;
    }

    /** The latest instant at which any learning fact it holds became known (epoch milliseconds). */
    public long learningKnownUntil() {
        return history.learningKnownUntil;
    }

    /** How many experiments it holds: every experiment row is below it. */
    public int experimentRows() {
        return history.experiments.size();
    }

    /** The name of a theme by its number. */
    public String theme(int number) {
        return history.themes.name(number);
    }

    /** How many themes there are: every theme number is below it. */
    public int themes() {
        return history.themes.size();
    }

    /**
     * Whether the learning entry {@code learningId} has been retracted, ever: like a withdrawal of consent, it takes
     * its words out of every view, whenever it shows (the counts of the time stay).
     */
    public boolean retracted(String learningId) {
        int row = history.learning.ids.find(learningId);
        return row >= 0 && history.learning.retractedAt.get(row) != History.NEVER;
    }

    /** Whether {@code personId} withdrew consent, ever: it applies to every view, whenever it shows. */
    public boolean withdrew(String personId) {
        return history.withdrawn.contains(personId);
    }

    private int themeNumber(Scope scope) {
        return history.themes.find(scope.theme());
    }

    private boolean hasTheme(int from, int count, int theme) {
        for (int i = from; i < from + count; i++) {
            if (history.themePool.get(i) == theme) {
                return true;
            }
        }
        return false;
    }

    /** A learning entry as known at an instant. */
    public final class LearningRow {

        private final long asOf;
        private int row;

        private LearningRow(long asOf) {
            this.asOf = asOf;
        }

        public String id() {
            return history.learning.ids.idOf(row);
        }

        public LearningKind kind() {
            return KINDS.get(history.learning.kind.get(row));
        }

        public Perspective perspective() {
            return PERSPECTIVES.get(history.learning.perspective.get(row));
        }

        /** When it happened (epoch milliseconds). */
        public long occurredAt() {
            return history.learning.occurredAt.get(row);
        }

        /** When the event store recorded it (epoch milliseconds). */
        public long recordedAt() {
            return history.learning.knownAt.get(row);
        }

        /** Where its author worked when they recorded it. */
        public Where where() {
            return history.wheres.where(history.learning.where.get(row));
        }

        /** The experiment it was recorded against, or {@code null}. */
        public String experimentId() {
            int experiment = history.learning.experiment.get(row);
            return experiment < 0 ? null : history.experiments.ids.idOf(experiment);
        }

        public Visibility visibility() {
            return history.learning.visibilityAt(row, asOf);
        }

        /** The global position at which it was last listed more widely: lists of recent learning sort by it. */
        public long listedAt() {
            return history.learning.listedAt(row, asOf);
        }

        /** The global position of the event that recorded it, which names it for small-number control's noise. */
        public long record() {
            return history.learning.position.get(row);
        }

        /** The team its author worked in, by number: small-number control draws each team's part of a figure. */
        public int group() {
            return history.wheres.team(history.learning.where.get(row));
        }

        /** Whether it was retracted, ever: its author took its words back from every view, whenever it shows. */
        public boolean retracted() {
            return history.learning.retractedAt.get(row) != History.NEVER;
        }

        /** Whether its author withdrew consent, ever (an anonymous entry's pseudonym never does). */
        public boolean authorWithdrew() {
            int author = history.learning.author.get(row);
            return author != Names.NONE && history.withdrawnAuthors.get(author);
        }

        /** Its themes, by number ({@link Reading#theme(int)} names them). */
        public void themes(java.util.function.IntConsumer consumer) {
            int from = history.learning.themesFrom.get(row);
            for (int i = from, end = from + history.learning.themeCount.get(row); i < end; i++) {
                consumer.accept(history.themePool.get(i));
            }
        }
    }

    /** An experiment as known at an instant: a step not known by then reads {@link History#NEVER}. */
    public final class ExperimentRow {

        private final long asOf;
        private int row;

        private ExperimentRow(long asOf) {
            this.asOf = asOf;
        }

        /** Its row: the index of {@link Reading#firstDisappointments(long, Predicate)}. */
        public int row() {
            return row;
        }

        public String id() {
            return history.experiments.ids.idOf(row);
        }

        /** The global position of its proposal, which names it (and each of its steps) for small-number control. */
        public long record() {
            return history.experiments.proposalPosition.get(row);
        }

        /** Whether its proposer has withdrawn their consent: its themes went with their words. */
        public boolean proposerWithdrew() {
            int proposer = history.experiments.proposer.get(row);
            return proposer != Names.NONE && history.withdrawnAuthors.get(proposer);
        }

        /** The team its proposer worked in, by number: small-number control draws each team's part of a figure. */
        public int group() {
            return history.wheres.team(history.experiments.where.get(row));
        }

        public long proposedAt() {
            return history.experiments.proposedAt.get(row);
        }

        /** Who may see it, as shared by then. */
        public Visibility visibility() {
            return history.experiments.visibilityAt(row, asOf);
        }

        /** Where its proposer worked. */
        public Where where() {
            return history.wheres.where(history.experiments.where.get(row));
        }

        /** How many adaptations were known by then. */
        public int adaptationCount() {
            int[] count = {0};
            adaptations(at -> count[0]++);
            return count[0];
        }

        public long startedAt() {
            return known(history.experiments.startedKnownAt, history.experiments.startedAt);
        }

        public long concludedAt() {
            return known(history.experiments.concludedKnownAt, history.experiments.concludedAt);
        }

        /** Its outcome, once its conclusion is known; otherwise {@code null}. */
        public Outcome outcome() {
            int outcome = history.experiments.outcome.get(row);
            return concludedAt() == History.NEVER || outcome < 0 ? null : OUTCOMES.get(outcome);
        }

        /**
         * How its planned ending went, when its conclusion is known and said so, or said since and known by then;
         * otherwise {@code null}.
         */
        public Ending ending() {
            if (concludedAt() == History.NEVER) {
                return null;
            }
            ExperimentTable table = history.experiments;
            int ending = table.laterEndingKnownAt.get(row) <= asOf ? table.laterEnding.get(row) : -1;
            if (ending < 0) {
                ending = table.ending.get(row);
            }
            return ending < 0 ? null : ENDINGS.get(ending);
        }

        /** When each adaptation known by then happened, newest first. */
        public void adaptations(LongConsumer consumer) {
            ExperimentTable table = history.experiments;
            for (int a = table.lastAdaptation.get(row); a >= 0; a = table.adaptationBefore.get(a)) {
                if (table.adaptationKnownAt.get(a) <= asOf) {
                    consumer.accept(table.adaptationAt.get(a));
                }
            }
        }

        private long known(Columns.Longs knownAt, Columns.Longs at) {
            return knownAt.get(row) <= asOf ? at.get(row) : History.NEVER;
        }
    }

    /** An action learning activity. */
    public final class ActivityRow {

        private int row;

        private ActivityRow() {
        }

        public Activity activity() {
            return ACTIVITIES.get(history.activities.activity.get(row));
        }

        /** Its event's global position, which names it for small-number control's noise. */
        public long record() {
            return history.activities.position.get(row);
        }

        /** The team its member worked in, by number: small-number control draws each team's part of a figure. */
        public int group() {
            return history.wheres.team(history.activities.where.get(row));
        }

        /** An evaluation's score (1 to 5); 0 for anything else. */
        public int score() {
            return history.activities.score.get(row);
        }

        public long occurredAt() {
            return history.activities.occurredAt.get(row);
        }
    }
}
