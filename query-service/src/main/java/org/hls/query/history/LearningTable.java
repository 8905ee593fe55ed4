package org.hls.query.history;

import java.util.List;

import org.hls.events.Visibility;
import org.hls.query.history.Fact.Amplification;
import org.hls.query.history.Fact.Learning;

/**
 * Every learning entry, a row each, with what is needed to count it as known at any instant: when it was recorded,
 * each widening of its visibility (a chain, newest first) and its retraction. Visibility and kinds are stored as
 * their ordinals.
 */
final class LearningTable {

    final IdIndex ids = new IdIndex();
    final Columns.Longs position = new Columns.Longs();
    final Columns.Longs knownAt = new Columns.Longs();
    final Columns.Longs occurredAt = new Columns.Longs();
    final Columns.Longs retractedAt = new Columns.Longs();
    final Columns.Bytes kind = new Columns.Bytes();
    final Columns.Bytes perspective = new Columns.Bytes();
    final Columns.Bytes visibility = new Columns.Bytes();
    final Columns.Ints where = new Columns.Ints();
    final Columns.Ints themesFrom = new Columns.Ints();
    final Columns.Bytes themeCount = new Columns.Bytes();
    final Columns.Ints experiment = new Columns.Ints();
    /** Its author's number in {@code History.authors}, or {@link Names#NONE} when not known. */
    final Columns.Ints author = new Columns.Ints();
    final Columns.Ints lastWidening = new Columns.Ints();
    /** Each widening: when known, its position, the visibility it widened to, and the one before it (or -1). */
    private final Columns.Longs wideningKnownAt = new Columns.Longs();
    private final Columns.Longs wideningPosition = new Columns.Longs();
    private final Columns.Bytes wideningVisibility = new Columns.Bytes();
    private final Columns.Ints wideningBefore = new Columns.Ints();

    int size() {
        return position.size();
    }

    void add(Learning fact, int whereNumber, int themesFrom, int experimentRow, int authorNumber) {
        ids.add(fact.learningId());
        position.add(fact.position());
        knownAt.add(fact.knownAt());
        occurredAt.add(fact.occurredAt());
        retractedAt.add(History.NEVER);
        kind.add(fact.kind().ordinal());
        perspective.add(fact.perspective().ordinal());
        visibility.add(fact.visibility().ordinal());
        where.add(whereNumber);
        this.themesFrom.add(themesFrom);
        themeCount.add(fact.themes().size());
        experiment.add(experimentRow);
        author.add(authorNumber);
        lastWidening.add(-1);
    }

    void widen(int row, Amplification fact) {
        int widening = wideningKnownAt.add(fact.knownAt());
        wideningPosition.add(fact.position());
        wideningVisibility.add(fact.visibility().ordinal());
        wideningBefore.add(lastWidening.get(row));
        lastWidening.set(row, widening);
    }

    void retract(int row, long at) {
        if (retractedAt.get(row) == History.NEVER) {
            retractedAt.set(row, at);
        }
    }

    /** The widening of {@code row} in force at {@code asOf}, or -1 for the visibility it was recorded with. */
    private int wideningAt(int row, long asOf) {
        int widening = lastWidening.get(row);
        while (widening >= 0 && wideningKnownAt.get(widening) > asOf) {
            widening = wideningBefore.get(widening);
        }
        return widening;
    }

    Visibility visibilityAt(int row, long asOf) {
        int widening = wideningAt(row, asOf);
        return VISIBILITIES.get(widening >= 0 ? wideningVisibility.get(widening) : visibility.get(row));
    }

    /** The position at which {@code row} was last listed more widely, as known at {@code asOf}. */
    long listedAt(int row, long asOf) {
        int widening = wideningAt(row, asOf);
        return widening >= 0 ? wideningPosition.get(widening) : position.get(row);
    }

    private static final List<Visibility> VISIBILITIES = List.of(Visibility.values());
}
