package org.hls.query.history;

import org.hls.query.history.Fact.SetActivity;

/**
 * What action learning sets did that may be counted outside them, a row each: sessions held, actions committed and
 * done, evaluations with their scores. Never what was said. An action done is counted where and when it was
 * committed, as known from when it was done.
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

    /** {@code when}: the instant it counts at, which is when it happened, or when the action done was committed. */
    void add(SetActivity fact, int whereNumber, long when) {
        knownAt.add(fact.knownAt());
        occurredAt.add(when);
        activity.add(fact.activity().ordinal());
        score.add(fact.score());
        where.add(whereNumber);
        position.add(fact.position());
    }
}
