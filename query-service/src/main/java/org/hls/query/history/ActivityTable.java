package org.hls.query.history;

import org.hls.query.history.Fact.SetActivity;

/**
 * What action learning sets did that may be counted outside them, a row each: sessions held, actions committed and
 * done, evaluations with their scores. Never what was said.
 */
final class ActivityTable {

    final Columns.Longs knownAt = new Columns.Longs();
    final Columns.Longs occurredAt = new Columns.Longs();
    final Columns.Bytes activity = new Columns.Bytes();
    final Columns.Bytes score = new Columns.Bytes();
    final Columns.Ints where = new Columns.Ints();
    /** Its event's global position, which names it for small-number control's noise. */
    final Columns.Longs position = new Columns.Longs();

    int size() {
        return knownAt.size();
    }

    void add(SetActivity fact, int whereNumber) {
        knownAt.add(fact.knownAt());
        occurredAt.add(fact.occurredAt());
        activity.add(fact.activity().ordinal());
        score.add(fact.score());
        where.add(whereNumber);
        position.add(fact.position());
    }
}
