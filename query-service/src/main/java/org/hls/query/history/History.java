package org.hls.query.history;

import java.time.Clock;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hls.query.history.Fact.Amplification;
import org.hls.query.history.Fact.Learning;
import org.hls.query.history.Fact.Passed;
import org.hls.query.history.Fact.Presentation;
import org.hls.query.history.Fact.Proposal;
import org.hls.query.history.Fact.Retraction;
import org.hls.query.history.Fact.SetActivity;
import org.hls.query.history.Fact.Sharing;
import org.hls.query.history.Fact.Step;
import org.hls.query.history.Fact.Withdrawal;
import org.hls.query.projection.ProjectedEvent;

/**
 * What has happened across the whole system and when each thing became known, held in memory in columns (as Druid
 * and Pinot hold theirs): every learning entry, experiment and action learning activity, without anything anyone
 * said. Every dashboard and every analysis is a scan of it as known at an instant, with any filters: the present is
 * just the latest instant, and the dashboard as it was on any day costs the same as today's.
 * <p>
 * It applies the facts of each Kafka partition in increasing global position and remembers the last it applied per
 * partition, so an event delivered again changes nothing. One writer applies facts under a write lock; readers scan
 * under a read lock.
 */
public final class History {

    /** When something that has not happened (yet) happened. */
    public static final long NEVER = Long.MAX_VALUE;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final Names themes = new Names();
    final Wheres wheres = new Wheres();
    final Columns.Ints themePool = new Columns.Ints();
    final LearningTable learning = new LearningTable();
    final ExperimentTable experiments = new ExperimentTable();
    final ActivityTable activities = new ActivityTable();
    /** Where and when each action was committed, by its id: there and then it counts once done. */
    private final Map<String, Commitment> commitments = new HashMap<>();
    /** The sessions with a problem presented that have not closed yet: only such a session counts as held. */
    private final Set<String> presented = new HashSet<>();
    final Set<String> withdrawn = new HashSet<>();
    /** Who recorded learning, by number; and, by the same number, which of them withdrew consent. */
    final Names authors = new Names();
    final BitSet withdrawnAuthors = new BitSet();
    private long[] positions = new long[0];
    private long[] offsets = new long[0];
    private long applied;
    /** How many of them it keeps (all but those it passes over): the same whether read from the topic or a checkpoint. */
    private long kept;
    /**
     * How many times learning already held may have changed (an entry widened or retracted, or anyone withdrawn): what
     * counted the entries before stands while it is unchanged (and {@link #learningKnownUntil} allows).
     */
    long learningChanges;
    /** The latest instant any learning fact became known: what counted at or after it counts the same later. */
    long learningKnownUntil = Long.MIN_VALUE;
    /**
     * When facts became known that were ahead of this clock as they were applied (recorded by a service whose clock is
     * ahead of this one's): a read until then leaves each out. Only those, and only until they are passed.
     */
    private final TreeSet<Long> knownAhead = new TreeSet<>();
    /** The latest instant any fact applied became known: ahead of this clock too once this clock jumped back. */
    private long knownUntil = Long.MIN_VALUE;
    private final Clock clock;

    public History() {
        this(Clock.systemUTC());
    }

    /** @param clock this service's clock, which tells the facts known ahead of it */
    public History(Clock clock) {
        this.clock = clock;
    }

    /** Applies events as Kafka delivered them, in order within each partition. */
    public void applyEvents(List<ProjectedEvent> events) {
        apply(events.stream().map(Fact::of).toList());
    }

    void apply(List<Fact> facts) {
        lock.writeLock().lock();
        try {
            facts.forEach(this::applyOne);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Applies facts and records the Kafka offset each partition is to be read from next. */
    void apply(List<Fact> facts, long[] nextOffsets) {
        lock.writeLock().lock();
        try {
            facts.forEach(this::applyOne);
            ensurePartitions(nextOffsets.length);
            for (int partition = 0; partition < nextOffsets.length; partition++) {
                offsets[partition] = Math.max(offsets[partition], nextOffsets[partition]);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applyOne(Fact fact) {
        ensurePartitions(fact.partition() + 1);
        if (fact.position() <= positions[fact.partition()]) {
            return;
        }
        positions[fact.partition()] = fact.position();
        applied++;
        if (!(fact instanceof Passed)) {
            kept++;
            long now = clock.millis();
            if (!knownAhead.isEmpty()) {
                knownAhead.headSet(now, true).clear(); // passed: a history nobody follows keeps none of them either
            }
            if (fact.knownAt() > now) {
                knownAhead.add(fact.knownAt());
            }
            knownUntil = Math.max(knownUntil, fact.knownAt());
        }
        if (fact instanceof Learning recorded) {
            if (learning.ids.find(recorded.learningId()) < 0) {
                int author = authors.numberOf(recorded.authorId());
                if (author != Names.NONE && withdrawn.contains(recorded.authorId())) {
                    withdrawnAuthors.set(author);
                }
                learning.add(recorded, wheres.numberOf(recorded.where()), themesOf(recorded.themes()),
                        recorded.experimentId() == null ? -1 : experiments.rowOf(recorded.experimentId()), author);
                learningKnownUntil = Math.max(learningKnownUntil, recorded.knownAt());
            }
        } else if (fact instanceof Amplification amplified) {
            int row = learning.ids.find(amplified.learningId());
            if (row >= 0) {
                learning.widen(row, amplified);
                learningChanges++;
                learningKnownUntil = Math.max(learningKnownUntil, amplified.knownAt());
            }
        } else if (fact instanceof Retraction retracted) {
            int row = learning.ids.find(retracted.learningId());
            if (row >= 0) {
                learning.retract(row, retracted.knownAt());
                learningChanges++;
                learningKnownUntil = Math.max(learningKnownUntil, retracted.knownAt());
            }
        } else if (fact instanceof Proposal proposal) {
            int proposer = authors.numberOf(proposal.proposerId());
            if (proposer != Names.NONE && withdrawn.contains(proposal.proposerId())) {
                withdrawnAuthors.set(proposer);
            }
            experiments.propose(experiments.rowOf(proposal.experimentId()), proposal,
                    wheres.numberOf(proposal.where()), proposer, themesOf(proposal.themes()),
                    proposal.themes().size());
        } else if (fact instanceof Sharing sharing) {
            experiments.share(experiments.rowOf(sharing.experimentId()), sharing);
        } else if (fact instanceof Step step) {
            experiments.step(experiments.rowOf(step.experimentId()), step);
        } else if (fact instanceof Presentation presentation) {
            presented.add(presentation.session());
        } else if (fact instanceof SetActivity activity) {
            if (activity.activity() == Activity.SESSION_HELD && activity.actionId() != null
                    && !presented.remove(activity.actionId())) {
                return; // closed with nothing presented in it: opened by mistake, or nobody came
            }
            int where = wheres.numberOf(activity.where());
            long occurredAt = activity.occurredAt();
            if (activity.activity() == Activity.ACTION_COMMITTED && activity.actionId() != null) {
                commitments.put(activity.actionId(), new Commitment(where, occurredAt));
            }
            Commitment committed = activity.activity() == Activity.ACTION_DONE && activity.actionId() != null
                    ? commitments.get(activity.actionId()) : null;
            if (committed != null) {
                // An action done counts where and when it was committed, whoever records it (the facilitator may):
                // of the actions committed in a period and place, how many were followed through, never more.
                where = committed.where();
                occurredAt = committed.occurredAt();
            }
            activities.add(activity, where, occurredAt);
        } else if (fact instanceof Withdrawal withdrawal) {
            withdrawn.add(withdrawal.personId());
            learningChanges++;
            int author = authors.find(withdrawal.personId());
            if (author != Names.NONE) {
                withdrawnAuthors.set(author);
            }
        }
    }

    /** Where (its number) and when an action was committed. */
    private record Commitment(int where, long occurredAt) {
    }

    private int themesOf(List<String> names) {
        int from = themePool.size();
        names.forEach(name -> themePool.add(themes.numberOf(name)));
        return from;
    }

    private void ensurePartitions(int count) {
        if (positions.length < count) {
            int before = offsets.length;
            positions = Arrays.copyOf(positions, count);
            offsets = Arrays.copyOf(offsets, count);
            Arrays.fill(offsets, before, count, -1);
        }
    }

    /** Reads it as it stands: {@code reader} must not keep what it is given beyond the call. */
    public <T> T read(Function<Reading, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(new Reading(this));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Which events it holds: the last global position applied in each partition, joined, and how many facts it keeps
     * (so that a rebuild that filled in earlier events is a new version). It changes whenever anything it holds may
     * have, and equal histories have equal versions, whichever instance built them, from the topic or a checkpoint.
     */
    public String version() {
        lock.readLock().lock();
        try {
            return Arrays.stream(positions).mapToObj(Long::toString).collect(Collectors.joining("-")) + "+" + kept;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The first instant after {@code now} at which a fact applied became known (by the clock of the service that
     * recorded it, ahead of this one's), or {@link Long#MIN_VALUE} for none: a read at {@code now} leaves it out, and
     * one at that instant shows it. Once this clock has jumped back behind facts applied before, the latest of them.
     */
    public long nextKnownAfter(long now) {
        lock.writeLock().lock();
        try {
            knownAhead.headSet(now, true).clear();
            return !knownAhead.isEmpty() ? knownAhead.first() : knownUntil > now ? knownUntil : Long.MIN_VALUE;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The last global position applied in each partition. */
    public long[] positions() {
        lock.readLock().lock();
        try {
            return positions.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The Kafka offset each partition is to be read from next; -1 where it is not known. */
    public long[] offsets() {
        lock.readLock().lock();
        try {
            return offsets.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many events it has applied. */
    public long applied() {
        lock.readLock().lock();
        try {
            return applied;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether it has read every partition of the topic at least up to {@code otherOffsets}. */
    public boolean hasRead(long[] otherOffsets) {
        long[] mine = offsets();
        for (int partition = 0; partition < otherOffsets.length; partition++) {
            if (otherOffsets[partition] > (partition < mine.length ? mine[partition] : -1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Restores the progress saved with a checkpoint, once its facts are applied again: events that left no fact
     * moved the positions further.
     */
    void restoreProgress(long[] savedPositions, long[] savedOffsets) {
        lock.writeLock().lock();
        try {
            ensurePartitions(Math.max(savedPositions.length, savedOffsets.length));
            for (int partition = 0; partition < savedPositions.length; partition++) {
                positions[partition] = Math.max(positions[partition], savedPositions[partition]);
            }
            System.arraycopy(savedOffsets, 0, offsets, 0, savedOffsets.length);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
