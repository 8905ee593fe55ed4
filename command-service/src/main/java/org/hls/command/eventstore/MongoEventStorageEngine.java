package org.hls.command.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
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
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

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
 * <p>
 * <b>Reads.</b> Loading an aggregate asks for its next {@code batchSize} possible stream keys with {@code $in};
 * tracking asks for the next {@code batchSize} positions with {@code $in} on {@code _id}. Neither ever scans.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    static final String COMMITS = "event_commits";
    static final String POSITIONS = "event_positions";
    static final String SNAPSHOTS = "event_snapshots";
    private static final String COUNTER_ID = "global";
    private static final int MAX_ATTEMPTS = 1000;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> positions;
    private final MongoCollection<Document> snapshots;
    /** The writers of one JVM take positions one at a time, so they never race each other for the same one. */
    private final Lock appendLock = new ReentrantLock();
    private long nextPosition;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.positions = builder.database.getCollection(POSITIONS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The unique index that makes a second writer at the same aggregate version fail. */
    public void ensureIndexes() {
        commits.createIndex(Indexes.ascending("stream"), new IndexOptions().name("stream").unique(true));
    }

    // ---- appending ----

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<List<DomainEventMessage<?>>> batches = commitsOf(events);
        appendLock.lock();
        try {
            for (List<DomainEventMessage<?>> commit : batches) {
                insertCommit(commit, serializer);
            }
        } catch (MongoException e) {
            throw new EventStoreException("The event store is unavailable; the commit may not be stored", e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Inserts the commit at the next free position, moving past commits that other writers stored first. */
    private void insertCommit(List<DomainEventMessage<?>> events, Serializer serializer) {
        Document commit = commitDocument(events, serializer);
        long position = nextPosition();
        for (int attempt = 1; ; attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new EventStoreException("No free position found after " + MAX_ATTEMPTS + " attempts");
            }
            beforeInsert(position);
            commit.put("_id", position);
            try {
                commits.insertOne(commit);
                break;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw new EventStoreException("The event store refused the commit; nothing was stored", e);
                }
                Document sameVersion = commits.find(eq("stream", commit.getString("stream"))).first();
                if (sameVersion != null) {
                    if (firstEventId(sameVersion).equals(firstEventId(commit))) {
                        position = sameVersion.getLong("_id");
                        break; // our own insert, whose acknowledgement was lost and the driver retried
                    }
                    handlePersistenceException(e, events.get(0)); // another writer took this aggregate version
                }
                Document taken = commits.find(eq("_id", position)).first();
                if (taken != null) {
                    position = Math.max(taken.getLong("_id") + count(taken), readCounter().next());
                }
            }
        }
        nextPosition = position + events.size();
        positions.updateOne(eq("_id", COUNTER_ID),
                combine(max("next", nextPosition), max("largestCommit", events.size())),
                new UpdateOptions().upsert(true));
    }

    /** Called before each attempt to insert a commit at {@code position}: a seam for tests of racing writers. */
    protected void beforeInsert(long position) {
    }

    private long nextPosition() {
        if (nextPosition == 0) {
            nextPosition = readCounter().next();
        }
        return nextPosition;
    }

    private static List<List<DomainEventMessage<?>>> commitsOf(List<? extends EventMessage<?>> events) {
        List<List<DomainEventMessage<?>>> result = new ArrayList<>();
        Map<String, List<DomainEventMessage<?>>> byAggregate = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                throw new EventStoreException("Only aggregate events are stored; got " + event.getPayloadType());
            }
            byAggregate.computeIfAbsent(domainEvent.getAggregateIdentifier(), id -> {
                List<DomainEventMessage<?>> commit = new ArrayList<>();
                result.add(commit);
                return commit;
            }).add(domainEvent);
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
                result.add(domainEventData(commit, i, events.get(i)));
            }
            next += events.size();
        }
        return result;
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

    // ---- tracking ----

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long after = positionOf(lastToken);
        long end = after + batchSize;
        Map<Long, Document> found = new HashMap<>();
        for (Document commit : commits.find(in("_id", LongStream.rangeClosed(after + 1, end).boxed().toList()))) {
            found.put(commit.getLong("_id"), commit);
        }
        long position = after + 1;
        Document commit = found.get(position);
        if (commit == null && after > 0) {
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
        return result;
    }

    private Document commitCovering(long position, int largestCommit) {
        if (largestCommit <= 1) {
            return null;
        }
        List<Long> before = LongStream.range(Math.max(1, position - largestCommit + 1), position).boxed().toList();
        for (Document commit : commits.find(in("_id", before))) {
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

    @Override
    public TrackingToken createHeadToken() {
        long last = readCounter().next() - 1;
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
        return new GenericDomainEventEntry<>(commit.getString("aggregateType"), commit.getString("aggregateId"),
                commit.getLong("firstSequence") + index, event.getString("eventId"), event.getString("timestamp"),
                event.getString("payloadType"), event.getString("payloadRevision"), event.getString("payload"),
                event.getString("metaData"));
    }

    /**
     * Builds a {@link MongoEventStorageEngine}: the database is required.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;

        public Builder() {
            // A duplicate stream key means another writer took this aggregate version first.
            persistenceExceptionResolver(exception -> exception instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getCode()) == ErrorCategory.DUPLICATE_KEY);
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
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
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
