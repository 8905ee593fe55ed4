package org.hls.query.history;

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
    /** Its newest widening in {@link #widenings}, or -1. */
    final Columns.Ints lastWidening = new Columns.Ints();
    private final Widenings widenings = new Widenings();

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
        lastWidening.set(row, widenings.add(lastWidening.get(row), fact.knownAt(), fact.position(),
                fact.visibility()));
    }

    void retract(int row, long at) {
        if (retractedAt.get(row) == History.NEVER) {
            retractedAt.set(row, at);
        }
    }

    Visibility visibilityAt(int row, long asOf) {
        return widenings.visibilityAt(lastWidening.get(row), visibility.get(row), asOf);
    }

    /** The position at which {@code row} was last listed more widely, as known at {@code asOf}. */
    long listedAt(int row, long asOf) {
        int widening = widenings.at(lastWidening.get(row), asOf);
        return widening >= 0 ? widenings.position(widening) : position.get(row);
    }
}
