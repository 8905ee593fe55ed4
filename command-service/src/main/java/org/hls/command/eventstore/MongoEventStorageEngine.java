package org.hls.command.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketWriteException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.hls.events.DomainEvent;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.NewerEventException;

/**
 * An Axon event storage engine on MongoDB in which every event has a global position and the positions have no
 * holes, and in which every hot read is an exact-key lookup, so that it costs the same at ten events and at millions,
 * on a real MongoDB and on the embedded wire-protocol store alike.
 * <p>
 * <b>Layout.</b> One document per commit (the events one aggregate appends in one unit of work), written with one
 * atomic insert: {@code _id} is the global position of its first event, the commit's further events take the
 * positions that follow, and {@code stream} ({@code aggregateId:firstSequence}) is unique, so a second writer at the
 * same aggregate version fails.
 * <p>
 * <b>Taking a position is the commit.</b> A writer inserts its commit at the position just after the last commit it
 * knows of, and the unique {@code _id} decides between writers: the loser reads the winner's commit, moves past it
 * and tries again. A commit is only ever inserted right after one that is already stored, so the stored commits
 * always cover positions 1..n without a hole. Nothing is reserved ahead, no writer can die holding a position, and a
 * tracker never meets a gap that it would have to wait at or, worse, skip (the silent loss of timestamp- and
 * window-based tracking). A plain {@link GlobalSequenceTrackingToken} is therefore exact. A counter document keeps
 * only hints, raised with {@code $max}: nothing depends on reading it atomically (the embedded store does not).
 * Commits waiting in one JVM are written together, with one ordered {@code insertMany} (group commit).
 * <p>
 * <b>Reads.</b> Loading an aggregate asks for its next {@code batchSize} possible stream keys with {@code $in};
 * tracking asks with {@code $in} on {@code _id} for the positions up to the head it knows of (this instance's commits,
 * and the counter as last read) and {@link #TAIL_SLACK} more, at most a batch; it reads the counter again only when a
 * read went past that head. Neither ever scans. A tracking read asked again at the end the last one found, with
 * no insert tried here since and within {@link #TAIL_STANDS_NANOS}, is answered by that read without asking the
 * store: Axon's shared reader asks twice more after every read that found events.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    static final String COMMITS = "event_commits";
    static final String POSITIONS = "event_positions";
    static final String SNAPSHOTS = "event_snapshots";
    private static final String COUNTER_ID = "global";
    private static final int MAX_ATTEMPTS = 1000;
    /** The position hint is written every so many positions, not on every commit: it only saves lookups. */
    private static final long HINT_EVERY = 64;
    /**
     * Positions a tracker asks for beyond the known head: how a tracker at the tail sees other instances' commits
     * without reading the counter, whose hint may lag by as many.
     */
    private static final long TAIL_SLACK = HINT_EVERY;
    private static final int REMEMBERED_COMMIT_ENDS = 1024;
    /**
     * How long a tail read that found the end stands for what other instances committed since: Axon's shared reader
     * asks again at once after every read that found events, and once more before it waits (a fetch delay, 1 s).
     */
    static final long TAIL_STANDS_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> positions;
    private final int trackingBatchSize;
    private final MongoCollection<Document> snapshots;
    /** The writers of one JVM take positions one at a time, so they never race each other for the same one. */
    private final Lock appendLock = new ReentrantLock();
    private final Queue<PendingCommit> pending = new ConcurrentLinkedQueue<>();
    private volatile long nextPosition;
    /**
     * The counter's hint as last read by a tracker: how far other instances have written. A tracker following the
     * tail finds their latest commits in its slack and reads the hint only when a read filled its window.
     */
    private final AtomicLong otherWritersNext = new AtomicLong();
    private int largestCommit;
    /** Positions known to end a commit: a tracker resuming there need not look back for a commit around it. */
    private final ConcurrentSkipListSet<Long> commitEnds = new ConcurrentSkipListSet<>();
    /** Inserts tried by this instance, answered or not: a tracking read after one asks the store again. */
    private volatile long insertsTried;
    /** Where the last tracking read found no commit, what it knew of writes then, and when it asked. */
    private volatile TailRead lastTail;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.positions = builder.database.getCollection(POSITIONS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.trackingBatchSize = builder.trackingBatchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The unique index that makes a second writer at the same aggregate version fail. */
    public void ensureIndexes() {
        commits.createIndex(Indexes.ascending("stream"), new IndexOptions().name("stream").unique(true));
    }

    // ---- appending ----

    /**
     * Group commit: each caller queues its commits, then takes the lock; whoever holds it writes every queued commit
     * with one ordered {@code insertMany} at consecutive positions, and the callers whose commits it wrote find them
     * done. Under load, many commands share one round trip to the store.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<PendingCommit> mine = commitsOf(events).stream()
                .map(commit -> new PendingCommit(commitDocument(commit, serializer), commit.get(0), commit.size()))
                .toList();
        pending.addAll(mine);
        appendLock.lock();
        try {
            if (mine.stream().anyMatch(commit -> !commit.done)) {
                writePending();
            }
        } finally {
            appendLock.unlock();
        }
        for (PendingCommit commit : mine) {
            if (commit.failure != null) {
                throw commit.failure;
            }
        }
    }

    /** Writes every queued commit, moving past commits that other writers stored first. Holds the lock. */
    private void writePending() {
        List<PendingCommit> batch = new ArrayList<>();
        for (PendingCommit commit; (commit = pending.poll()) != null; ) {
            batch.add(commit);
        }
        int from = 0;
        boolean inFlight = false;
        try {
            long position = nextPosition();
            for (int attempt = 1; from < batch.size(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new EventStoreException("No free position found after " + MAX_ATTEMPTS + " attempts");
                }
                beforeInsert(position);
                List<Document> documents = new ArrayList<>();
                long next = position;
                for (PendingCommit commit : batch.subList(from, batch.size())) {
                    commit.document.put("_id", next);
                    documents.add(commit.document);
                    next += commit.size;
                }
                try {
                    inFlight = true;
                    insertsTried++; // guarded by the append lock; read by trackers
                    commits.insertMany(documents, new InsertManyOptions().ordered(true));
                    afterInsert();
                    inFlight = false;
                    position = next;
                    from = done(batch, from, batch.size());
                } catch (MongoBulkWriteException e) {
                    if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                        // Applied, at least in part, but not confirmed on a majority: as an answer lost, what a
                        // majority holds decides.
                        throw e;
                    }
                    inFlight = false;
                    BulkWriteError error = e.getWriteErrors().get(0);
                    for (PendingCommit stored : batch.subList(from, from + error.getIndex())) {
                        position += stored.size;
                    }
                    from = done(batch, from, from + error.getIndex());
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw new EventStoreException("The event store refused a commit: " + error.getMessage(), e);
                    }
                    PendingCommit refused = batch.get(from);
                    Document sameVersion = commits.find(eq("stream", refused.document.getString("stream"))).first();
                    if (sameVersion != null) {
                        if (!firstEventId(sameVersion).equals(firstEventId(refused.document))) {
                            refused.failure = concurrencyFailure(e, refused.firstEvent);
                            refuseLaterCommitsOfTheSameAggregate(batch, from);
                        } // else: our own insert, whose acknowledgement was lost and the driver retried
                        from = done(batch, from, from + 1);
                    }
                    position = headFrom(Math.max(position, readCounter().next()));
                }
            }
            updateHints(position, batch);
        } catch (RuntimeException e) {
            // Whatever was stored, the head is read again before the next commit; and every commit of the batch is
            // answered, whatever went wrong: a caller whose commit another wrote must never find it neither.
            nextPosition = 0;
            insertsTried++; // and a tracking read that overlapped this attempt is not taken for the tail
            boolean ofTheStore = e instanceof MongoException || e instanceof EventStoreException;
            // The store's failures are answered as such (503); anything else is ours, and answered as it is (500).
            RuntimeException failure = e instanceof EventStoreException store ? store : ofTheStore
                    ? new EventStoreException("The event store is unavailable; the commit is not stored", e) : e;
            // No server reached (none selected in time, no connection opened) or the request not written whole:
            // nothing was applied. Only an answer lost after the request went out leaves it open.
            if (inFlight && !(e instanceof MongoTimeoutException || e instanceof MongoSocketOpenException
                    || e instanceof MongoSocketWriteException)) {
                // Found by the fault campaign: an insert whose answer was lost (the connection dropped) may have
                // been applied, and was then refused as "nothing recorded". What is stored decides, if the store
                // can say; if it cannot, nobody knows yet, and the answer says so.
                // The store may still be applying what it has not shown yet: what is not found is unconfirmed.
                if (ofTheStore) {
                    failure = new UnconfirmedCommitException(e);
                }
                try {
                    from = done(batch, from, storedUpTo(batch, from));
                } catch (MongoException unknown) {
                    // It cannot be asked either: all the rest is unconfirmed.
                }
            }
            for (PendingCommit commit : batch.subList(from, batch.size())) {
                commit.failure = failure;
            }
            done(batch, from, batch.size());
        } finally {
            // Even an Error of this thread leaves no commit it took neither stored nor failed for its writer.
            for (PendingCommit commit : batch) {
                if (!commit.done) {
                    commit.failure = new EventStoreException("The commit is not stored: its writer failed", null);
                    commit.done = true;
                }
            }
        }
    }

    /**
     * After an insert whose answer was lost: how far the batch's commits from {@code from} on are stored, each found
     * by its stream key with our own first event, in one exact-key read (an ordered insert stores a prefix).
     */
    private int storedUpTo(List<PendingCommit> batch, int from) {
        List<String> streams = batch.subList(from, batch.size()).stream()
                .map(commit -> commit.document.getString("stream")).toList();
        Map<String, Document> found = new HashMap<>();
        // Only what a majority holds is stored for good: a failover would roll the rest back.
        commits.withReadConcern(ReadConcern.MAJORITY).find(in("stream", streams))
                .forEach(commit -> found.put(commit.getString("stream"), commit));
        int to = from;
        while (to < batch.size()) {
            Document stored = found.get(batch.get(to).document.getString("stream"));
            if (stored == null || !firstEventId(stored).equals(firstEventId(batch.get(to).document))) {
                break;
            }
            to++;
        }
        return to;
    }

    /**
     * The commits after {@code refused} in {@code batch} of the same aggregate follow on from a version another
     * writer took: they are refused with it, never stored (a later run of an import would fork the stream).
     */
    private static void refuseLaterCommitsOfTheSameAggregate(List<PendingCommit> batch, int refused) {
        PendingCommit first = batch.get(refused);
        String aggregateId = first.firstEvent.getAggregateIdentifier();
        Iterator<PendingCommit> later = batch.subList(refused + 1, batch.size()).iterator();
        while (later.hasNext()) {
            PendingCommit commit = later.next();
            if (commit.firstEvent.getAggregateIdentifier().equals(aggregateId)) {
                commit.failure = first.failure;
                commit.done = true;
                later.remove();
            }
        }
    }

    private static int done(List<PendingCommit> batch, int from, int to) {
        for (PendingCommit commit : batch.subList(from, to)) {
            commit.done = true;
        }
        return to;
    }

    private RuntimeException concurrencyFailure(MongoBulkWriteException e, DomainEventMessage<?> firstEvent) {
        try {
            handlePersistenceException(e, firstEvent);
            return new EventStoreException("Refused", e);
        } catch (RuntimeException refusal) {
            return refusal;
        }
    }

    /** Raises the hints: the next position now and then, the largest commit at once (trackers look back by it). */
    private void updateHints(long next, List<PendingCommit> batch) {
        int largest = batch.stream().mapToInt(commit -> commit.size).max().orElse(1);
        if (largest > largestCommit || next / HINT_EVERY != nextPosition / HINT_EVERY) {
            largestCommit = Math.max(largestCommit, largest);
            positions.updateOne(eq("_id", COUNTER_ID),
                    combine(max("next", next), max("largestCommit", largestCommit)),
                    new UpdateOptions().upsert(true));
        }
        nextPosition = next;
    }

    /** One aggregate's events of one unit of work, waiting to be written; its fields are guarded by the lock. */
    private static final class PendingCommit {

        private final Document document;
        private final DomainEventMessage<?> firstEvent;
        private final int size;
        private boolean done;
        private RuntimeException failure;

        private PendingCommit(Document document, DomainEventMessage<?> firstEvent, int size) {
            this.document = document;
            this.firstEvent = firstEvent;
            this.size = size;
        }
    }

    /** Called before each attempt to insert commits at {@code position}: a seam for tests of racing writers. */
    protected void beforeInsert(long position) {
    }

    /** Called once an insert is answered: a seam for tests of an answer lost on its way back. */
    protected void afterInsert() {
    }

    private long nextPosition() {
        if (nextPosition == 0) {
            Counter counter = readCounter();
            largestCommit = counter.largestCommit();
            nextPosition = headFrom(counter.next());
        }
        return nextPosition;
    }

    /** The first free position at or after {@code position}, found by exact-key batches along the commits. */
    private long headFrom(long position) {
        while (true) {
            List<Long> keys = LongStream.range(position, position + batchSize()).boxed().toList();
            Map<Long, Document> found = new HashMap<>();
            for (Document commit : commits.find(in("_id", keys))) {
                found.put(commit.getLong("_id"), commit);
            }
            Document commit;
            while ((commit = found.get(position)) != null) {
                position += count(commit);
            }
            if (found.isEmpty() || position < keys.get(keys.size() - 1)) {
                return position;
            }
        }
    }

    /**
     * The commits of {@code events}: each run of one aggregate's events in a row is one commit, so that the store
     * keeps the order they came in (an import of another store's history keeps its positions).
     */
    private static List<List<DomainEventMessage<?>>> commitsOf(List<? extends EventMessage<?>> events) {
        List<List<DomainEventMessage<?>>> result = new ArrayList<>();
        List<DomainEventMessage<?>> commit = null;
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                throw new EventStoreException("Only aggregate events are stored; got " + event.getPayloadType());
            }
            String aggregateId = domainEvent.getAggregateIdentifier();
            if (commit == null || !commit.get(0).getAggregateIdentifier().equals(aggregateId)) {
                commit = new ArrayList<>();
                result.add(commit);
            }
            commit.add(domainEvent);
        }
        return result;
    }

    private static Document commitDocument(List<DomainEventMessage<?>> commit, Serializer serializer) {
        DomainEventMessage<?> first = commit.get(0);
        List<Document> events = new ArrayList<>(commit.size());
        for (DomainEventMessage<?> event : commit) {
            events.add(eventDocument(event, serializer));
        }
        return new Document("_id", 0L)
                .append("stream", streamKey(first.getAggregateIdentifier(), first.getSequenceNumber()))
                .append("aggregateId", first.getAggregateIdentifier())
                .append("aggregateType", first.getType())
                .append("firstSequence", first.getSequenceNumber())
                .append("events", events);
    }

    private static Document eventDocument(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document("eventId", event.getIdentifier())
                .append("timestamp", DateTimeUtils.formatInstant(event.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    // ---- loading aggregates ----

    /**
     * Reads an aggregate's commits from {@code firstSequenceNumber}, which is always a commit boundary: 0, or the
     * version just after a snapshot.
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + batchSize)
                .mapToObj(sequence -> streamKey(aggregateIdentifier, sequence)).toList();
        Map<Long, Document> byFirstSequence = new HashMap<>();
        for (Document commit : commits.find(in("stream", keys))) {
            byFirstSequence.put(commit.getLong("firstSequence"), commit);
        }
        List<DomainEventData<?>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        Document commit;
        while ((commit = byFirstSequence.get(next)) != null) {
            List<Document> events = events(commit);
            for (int i = 0; i < events.size(); i++) {
                requireKnown(events.get(i));
                result.add(domainEventData(commit, i, events.get(i)));
            }
            next += events.size();
        }
        return result;
    }

    /**
     * An aggregate is never decided on from a history this release cannot wholly read: an event a newer release
     * stored (of a type it added, or a version newer than this one knows), met during a rolling upgrade, refuses the
     * command (503) until an instance of the newer release takes it.
     */
    private static void requireKnown(Document event) {
        String storedAs = event.getString("payloadType");
        Class<? extends DomainEvent> known = EventTypes.byName(EventTypes.nameOfStored(storedAs));
        String revision = event.getString("payloadRevision");
        if (known == null || revision != null && Integer.parseInt(revision) > EventTypes.schemaVersionOf(known)) {
            throw new NewerEventException("Version " + revision + " of " + storedAs
                    + " was stored by a newer release, which decides on its aggregate");
        }
    }

    /**
     * Whether any event of {@code aggregateIdentifier} is stored: one exact-key read of its first commit, whatever its
     * events are (a newer release's too).
     */
    public boolean holds(String aggregateIdentifier) {
        return commits.find(eq("stream", aggregateIdentifier + ":0")).projection(new Document("_id", 1)).first()
                != null;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        long from = readSnapshotData(aggregateIdentifier).findFirst()
                .map(snapshot -> snapshot.getSequenceNumber() + 1).orElse(0L);
        Long last = from == 0 ? null : from - 1;
        List<? extends DomainEventData<?>> batch;
        do {
            batch = fetchDomainEvents(aggregateIdentifier, from, batchSize());
            if (!batch.isEmpty()) {
                last = batch.get(batch.size() - 1).getSequenceNumber();
                from = last + 1;
            }
        } while (batch.size() >= batchSize());
        return Optional.ofNullable(last);
    }

    /**
     * The metadata of the last event stored for {@code aggregateIdentifier}, or empty when it has none: read through
     * its commits from the first (an event may sit inside a commit that began before it, and a snapshot says nothing
     * of metadata).
     */
    public Optional<MetaData> lastMetaDataOf(String aggregateIdentifier) {
        DomainEventData<?> last = null;
        long from = 0;
        List<? extends DomainEventData<?>> batch;
        do {
            batch = fetchDomainEvents(aggregateIdentifier, from, batchSize());
            if (!batch.isEmpty()) {
                last = batch.get(batch.size() - 1);
                from = last.getSequenceNumber() + 1;
            }
        } while (batch.size() >= batchSize());
        return Optional.ofNullable(last).map(event -> getEventSerializer().deserialize(event.getMetaData()));
    }

    /**
     * The aggregate type of each of {@code aggregateIdentifiers} that has any event stored, in one read: an
     * aggregate's first commit always begins at sequence 0, and snapshots never replace the commits they summarise.
     */
    public Map<String, String> typesOf(Collection<String> aggregateIdentifiers) {
        List<String> firstKeys = aggregateIdentifiers.stream().map(id -> streamKey(id, 0)).toList();
        Map<String, String> found = new HashMap<>();
        for (Document commit : commits.find(in("stream", firstKeys))
                .projection(new Document("aggregateId", 1).append("aggregateType", 1))) {
            found.put(commit.getString("aggregateId"), commit.getString("aggregateType"));
        }
        return found;
    }

    // ---- tracking ----

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        // A tracker's read asks for more than an aggregate's: reading the store through is one read per batch.
        batchSize = Math.max(batchSize, trackingBatchSize);
        long after = positionOf(lastToken);
        // Ask only about as far as commits can be: a tail read costs a few keys, not a whole batch.
        long head = Math.max(nextPosition, otherWritersNext.get()) - 1;
        long end = after + Math.min(batchSize, Math.max(head - after, 0) + TAIL_SLACK);
        long askedAt = nanoTime();
        long inserts = insertsTried;
        TailRead tail = lastTail;
        if (tail != null && tail.nothingAt() == after + 1 && tail.head() == head && tail.inserts() == inserts
                && askedAt - tail.askedAt() < TAIL_STANDS_NANOS) {
            // No insert was tried here since the store said the stream ends there, a moment ago: still the answer.
            return List.of();
        }
        Map<Long, Document> found = new HashMap<>();
        // What a majority holds only: a commit a failover rolls back is never published, and its position reused.
        for (Document commit : commits.withReadConcern(ReadConcern.MAJORITY)
                .find(in("_id", LongStream.rangeClosed(after + 1, end).boxed().toList()))) {
            found.put(commit.getLong("_id"), commit);
        }
        long position = after + 1;
        Document commit = found.get(position);
        if (commit == null && after > 0 && !commitEnds.contains(after)) {
            // After a restart a token may point inside a commit: look back for the commit that covers it.
            commit = commitCovering(position, readCounter().largestCommit());
        }
        List<TrackedEventData<?>> result = new ArrayList<>();
        while (commit != null && position <= end) {
            long first = commit.getLong("_id");
            List<Document> events = events(commit);
            for (int i = (int) (position - first); i < events.size(); i++) {
                result.add(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(first + i),
                        domainEventData(commit, i, events.get(i))));
            }
            position = first + events.size();
            commit = found.get(position);
        }
        if (position > end && end >= head) {
            // Read through to past the known head, so more may follow: other instances' commits counted for the next.
            otherWritersNext.accumulateAndGet(readCounter().next(), Math::max);
        } else if (position <= end) {
            lastTail = new TailRead(position, head, inserts, askedAt);
        }
        commitEnds.add(position - 1);
        while (commitEnds.size() > REMEMBERED_COMMIT_ENDS) {
            commitEnds.pollFirst();
        }
        return result;
    }

    /**
     * A tracking read that found no commit at {@code nothingAt}, knowing of commits up to {@code head}, after this
     * instance had tried {@code inserts} (a failed insert may have stored some of its commits, and leaves the head).
     */
    private record TailRead(long nothingAt, long head, long inserts, long askedAt) {
    }

    /** The time a tracking read is asked at, in nanoseconds: a seam for tests of reads asked again. */
    protected long nanoTime() {
        return System.nanoTime();
    }

    private Document commitCovering(long position, int largestCommit) {
        if (largestCommit <= 1) {
            return null;
        }
        List<Long> before = LongStream.range(Math.max(1, position - largestCommit + 1), position).boxed().toList();
        for (Document commit : commits.withReadConcern(ReadConcern.MAJORITY).find(in("_id", before))) {
            if (commit.getLong("_id") + count(commit) > position) {
                return commit;
            }
        }
        return null;
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException("Unsupported tracking token " + token.getClass().getName());
    }

    private Counter readCounter() {
        Document counter = positions.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? new Counter(1, 1)
                : new Counter(counter.getLong("next"), counter.getInteger("largestCommit", 1));
    }

    /** Hints that are never ahead of the truth: the position after the last commit, the most events in one. */
    private record Counter(long next, int largestCommit) {
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** The last stored position: found from the hint by exact-key reads, since the hint may lag. */
    @Override
    public TrackingToken createHeadToken() {
        long last = headFrom(Math.max(nextPosition, readCounter().next())) - 1;
        return last == 0 ? null : new GlobalSequenceTrackingToken(last);
    }

    // ---- snapshots ----

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = eventDocument(snapshot, serializer)
                .append("_id", snapshot.getAggregateIdentifier())
                .append("aggregateType", snapshot.getType())
                .append("sequence", snapshot.getSequenceNumber());
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(snapshot.getString("aggregateType"), aggregateIdentifier,
                snapshot.getLong("sequence"), snapshot.getString("eventId"), snapshot.getString("timestamp"),
                snapshot.getString("payloadType"), snapshot.getString("payloadRevision"),
                snapshot.getString("payload"), snapshot.getString("metaData")));
    }

    // ---- documents ----

    static String streamKey(String aggregateId, long sequence) {
        return aggregateId + ":" + sequence;
    }

    private static List<Document> events(Document commit) {
        return commit.getList("events", Document.class);
    }

    private static int count(Document commit) {
        return events(commit).size();
    }

    private static String firstEventId(Document commit) {
        return events(commit).get(0).getString("eventId");
    }

    private static DomainEventData<String> domainEventData(Document commit, int index, Document event) {
        return new StoredEvent(commit.getString("aggregateType"), commit.getString("aggregateId"),
                commit.getLong("firstSequence") + index, event.getString("eventId"), event.getString("timestamp"),
                event.getString("payloadType"), event.getString("payloadRevision"), event.getString("payload"),
                event.getString("metaData"));
    }

    /** A stored event whose timestamp is read once, without a {@code DateTimeFormatter} (Axon's entry parses it). */
    private static final class StoredEvent extends GenericDomainEventEntry<String> {

        private final Instant timestamp;

        StoredEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                    String timestamp, String payloadType, String payloadRevision, String payload, String metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = EventJson.instant(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }

    /**
     * Builds a {@link MongoEventStorageEngine}: the database is required.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private int trackingBatchSize = 1000;

        public Builder() {
            // A duplicate stream key means another writer took this aggregate version first.
            persistenceExceptionResolver(exception -> exception instanceof MongoBulkWriteException write
                    && write.getWriteErrors().stream().anyMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY));
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        /** How many positions a tracker's read asks for at most (an aggregate's read asks for {@code batchSize}). */
        public Builder trackingBatchSize(int trackingBatchSize) {
            this.trackingBatchSize = trackingBatchSize;
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is required");
            }
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }
    }
}
