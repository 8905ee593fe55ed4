package org.hls.query.history;

import org.hls.events.Visibility;
import org.hls.query.history.Fact.Proposal;
import org.hls.query.history.Fact.Sharing;
import org.hls.query.history.Fact.Step;

/**
 * Every experiment, a row each, with when each step of its life happened and when it became known. A row exists
 * from the first fact that names the experiment: learning recorded against it may arrive before its proposal, from
 * another partition. Visibilities, outcomes and endings are stored as their ordinals, -1 for none; its visibility is
 * the one it was proposed with, and each sharing since widens it from when it became known.
 */
final class ExperimentTable {

    final IdIndex ids = new IdIndex();
    final Columns.Longs proposedKnownAt = new Columns.Longs();
    final Columns.Longs proposedAt = new Columns.Longs();
    final Columns.Bytes visibility = new Columns.Bytes();
    /** Its newest sharing in {@link #widenings}, or -1. */
    final Columns.Ints lastWidening = new Columns.Ints();
    private final Widenings widenings = new Widenings();
    final Columns.Ints where = new Columns.Ints();
    /** Who proposed it, by number among the authors (whose withdrawal takes its themes with their words). */
    final Columns.Ints proposer = new Columns.Ints();
    final Columns.Ints themesFrom = new Columns.Ints();
    final Columns.Bytes themeCount = new Columns.Bytes();
    final Columns.Longs startedKnownAt = new Columns.Longs();
    final Columns.Longs startedAt = new Columns.Longs();
    final Columns.Longs concludedKnownAt = new Columns.Longs();
    final Columns.Longs concludedAt = new Columns.Longs();
    final Columns.Bytes outcome = new Columns.Bytes();
    final Columns.Bytes ending = new Columns.Bytes();
    /** How its planned ending went as said after its conclusion (which said not yet, or nothing), and when known. */
    final Columns.Bytes laterEnding = new Columns.Bytes();
    final Columns.Longs laterEndingKnownAt = new Columns.Longs();
    final Columns.Ints lastAdaptation = new Columns.Ints();
    /** The global position of its proposal, which names it for small-number control's noise (0 until known). */
    final Columns.Longs proposalPosition = new Columns.Longs();
    /** Each adaptation: when known, when it happened, and the one before it (or -1). */
    final Columns.Longs adaptationKnownAt = new Columns.Longs();
    final Columns.Longs adaptationAt = new Columns.Longs();
    final Columns.Ints adaptationBefore = new Columns.Ints();

    int size() {
        return proposedKnownAt.size();
    }

    /** Who could see it at {@code asOf}. */
    Visibility visibilityAt(int row, long asOf) {
        return widenings.visibilityAt(lastWidening.get(row), visibility.get(row), asOf);
    }

    /** The row of {@code experimentId}, added (with nothing known yet) when it has none. */
    int rowOf(String experimentId) {
        int row = ids.find(experimentId);
        if (row >= 0) {
            return row;
        }
        ids.add(experimentId);
        proposalPosition.add(0);
        proposedKnownAt.add(History.NEVER);
        proposedAt.add(History.NEVER);
        visibility.add(0);
        lastWidening.add(-1);
        where.add(-1);
        proposer.add(Names.NONE);
        themesFrom.add(0);
        themeCount.add(0);
        startedKnownAt.add(History.NEVER);
        startedAt.add(History.NEVER);
        concludedKnownAt.add(History.NEVER);
        concludedAt.add(History.NEVER);
        outcome.add(-1);
        ending.add(-1);
        laterEnding.add(-1);
        laterEndingKnownAt.add(History.NEVER);
        return lastAdaptation.add(-1);
    }

    void propose(int row, Proposal fact, int whereNumber, int proposerNumber, int themesFrom, int themeCount) {
        proposedKnownAt.set(row, fact.knownAt());
        proposedAt.set(row, fact.occurredAt());
        proposalPosition.set(row, fact.position());
        visibility.set(row, fact.visibility().ordinal());
        where.set(row, whereNumber);
        proposer.set(row, proposerNumber);
        this.themesFrom.set(row, themesFrom);
        this.themeCount.set(row, themeCount);
    }

    void share(int row, Sharing fact) {
        lastWidening.set(row, widenings.add(lastWidening.get(row), fact.knownAt(), fact.position(),
                fact.visibility()));
    }

    void step(int row, Step fact) {
        switch (fact.step()) {
            case STARTED -> {
                startedKnownAt.set(row, fact.knownAt());
                startedAt.set(row, fact.occurredAt());
            }
            case ADAPTED -> {
                int adaptation = adaptationKnownAt.add(fact.knownAt());
                adaptationAt.add(fact.occurredAt());
                adaptationBefore.add(lastAdaptation.get(row));
                lastAdaptation.set(row, adaptation);
            }
            case CONCLUDED -> {
                concludedKnownAt.set(row, fact.knownAt());
                concludedAt.set(row, fact.occurredAt());
                outcome.set(row, fact.outcome() == null ? -1 : fact.outcome().ordinal());
                ending.set(row, fact.ending() == null ? -1 : fact.ending().ordinal());
            }
            case ENDING_RECORDED -> {
                if (fact.ending() != null) { // an imported event may lack it: nothing said
                    laterEndingKnownAt.set(row, fact.knownAt());
                    laterEnding.set(row, fact.ending().ordinal());
                }
            }
        }
    }
}
