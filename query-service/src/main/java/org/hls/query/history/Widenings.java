package org.hls.query.history;

import java.util.List;

import org.hls.events.Visibility;

/**
 * Each widening of the visibility of a table's rows, for reading a row's visibility as known at any instant: when it
 * became known, its position, the visibility it widened to, and the row's widening before it (or -1). A row keeps
 * the number of its newest widening, -1 for none; {@link #at} walks back from it.
 */
final class Widenings {

    private static final List<Visibility> VISIBILITIES = List.of(Visibility.values());

    private final Columns.Longs knownAt = new Columns.Longs();
    private final Columns.Longs position = new Columns.Longs();
    private final Columns.Bytes visibility = new Columns.Bytes();
    private final Columns.Ints before = new Columns.Ints();

    /** Adds a widening after {@code last} (the row's newest, or -1), and answers its number. */
    int add(int last, long knownAt, long position, Visibility visibility) {
        int widening = this.knownAt.add(knownAt);
        this.position.add(position);
        this.visibility.add(visibility.ordinal());
        before.add(last);
        return widening;
    }

    /** The widening in force at {@code asOf}, walking back from {@code last}; -1 for the row's own visibility. */
    int at(int last, long asOf) {
        int widening = last;
        while (widening >= 0 && knownAt.get(widening) > asOf) {
            widening = before.get(widening);
        }
        return widening;
    }

    Visibility visibility(int widening) {
        return VISIBILITIES.get(visibility.get(widening));
    }

    long position(int widening) {
        return position.get(widening);
    }

    /** The visibility of a row recorded with {@code recorded} (an ordinal) as known at {@code asOf}. */
    Visibility visibilityAt(int last, int recorded, long asOf) {
        int widening = at(last, asOf);
        return widening >= 0 ? visibility(widening) : VISIBILITIES.get(recorded);
    }
}
