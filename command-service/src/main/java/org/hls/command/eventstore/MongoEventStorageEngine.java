package org.hls.command.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.max;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon event storage engine on MongoDB in which every event has a global position without silent holes, and
 * every hot read is an exact-key lookup, so that it costs the same at ten events and at millions, on a real MongoDB
 * and on the embedded wire-protocol store alike.
 * <p>
 * <b>Layout.</b> One document per commit (the events one aggregate appends in one unit of work), written with a single
 * atomic insert: {@code _id} is the global position of its first event, {@code stream} is
 * {@code aggregateId:firstSequence} under a unique index, {@code events} holds the serialized events. A counter
 * document hands out positions: a commit of n events reserves n consecutive positions with one {@code $inc}.
 * <p>
 * <b>Reads.</b> Loading an aggregate asks for the next {@code batchSize} possible stream keys with {@code $in};
 * tracking asks for the next {@code batchSize} positions with {@code $in} on {@code _id}. Neither ever scans.
 * <p>
 * <b>Gaps.</b> A position that was reserved but has no commit yet is a gap: its commit is in flight, or its writer
 * died. Trackers deliver strictly in position order and wait at a gap. A gap older than {@code gapFenceTimeout} is
 * fenced: the tracker inserts a tombstone with that {@code _id}. Exactly one of the tombstone and the late commit can
 * win that {@code _id}; a fenced writer fails and stores nothing. So no stored event is ever skipped (the silent loss
 * of timestamp- or window-based tracking), and no token needs to remember gaps: a
 * {@link GlobalSequenceTrackingToken} is exact. A writer that loses an optimistic-concurrency race releases its
 * positions at once with a tombstone of its own.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    static final String COMMITS = "event_commits";
    static final String POSITIONS = "event_positions";
    static final String SNAPSHOTS = "event_snapshots";
    private static final String COUNTER_ID = "global";

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> positions;
    private final MongoCollection<Document> snapshots;
    private final long gapFenceTimeoutNanos;
    private final Map<Long, Long> gapFirstSeenNanos = new ConcurrentHashMap<>();

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.positions = builder.database.getCollection(POSITIONS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.gapFenceTimeoutNanos = builder.gapFenceTimeout.toNanos();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The unique index that makes a second writer at the same aggregate version fail. */
    public void ensureIndexes() {
        commits.createIndex(Indexes.ascending("stream"), new IndexOptions().name("stream").unique(true).sparse(true));
    }

    // ---- appending ----

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<List<DomainEventMessage<?>>> batches = commitsOf(events);
        int largest = batches.stream().mapToInt(List::size).max().orElse(1);
        long position;
        try {
            position = reservePositions(events.size(), largest);
        } catch (MongoException e) {
            throw new EventStoreException("The event store is unavailable; nothing was stored", e);
        }
        for (List<DomainEventMessage<?>> commit : batches) {
            insertCommit(commitDocument(position, commit, serializer), commit);
            position += commit.size();
        }
    }

    /**
     * Reserves {@code count} consecutive global positions and returns the first. Between this call and the insert of
     * the commit, those positions are a gap that trackers wait at.
     */
    protected long reservePositions(int count, int largestCommit) {
        Document counter = positions.findOneAndUpdate(eq("_id", COUNTER_ID),
                combine(inc("last", (long) count), max("largestCommit", largestCommit)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return counter.getLong("last") - count + 1;
    }

    private void insertCommit(Document commit, List<DomainEventMessage<?>> events) {
        long first = commit.getLong("_id");
        try {
            commits.insertOne(commit);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw new EventStoreException("The event store refused the commit; nothing was stored", e);
            }
            Document atPosition = commits.find(eq("_id", first)).first();
            if (atPosition == null) {
                // Another writer got to this aggregate version first: give the positions back at once.
                tombstone(first, events.size());
                handlePersistenceException(e, events.get(0));
            } else if (atPosition.getBoolean("tombstone", false)
                    || !firstEventId(atPosition).equals(firstEventId(commit))) {
                throw new EventStoreException("The commit took too long and its position was fenced by a reader;"
                        + " nothing was stored", e);
            }
            // else: our own insert, whose acknowledgement was lost and retried
        } catch (MongoException e) {
            throw new EventStoreException("The event store is unavailable; the commit may not be stored", e);
        }
    }

    private boolean tombstone(long position, int count) {
        try {
            commits.insertOne(new Document("_id", position).append("tombstone", true).append("count", count));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
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

    private static Document commitDocument(long firstPosition, List<DomainEventMessage<?>> commit,
                                           Serializer serializer) {
        DomainEventMessage<?> first = commit.get(0);
        List<Document> events = new ArrayList<>(commit.size());
        for (DomainEventMessage<?> event : commit) {
            events.add(eventDocument(event, serializer));
        }
        return new Document("_id", firstPosition)
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
        List<TrackedEventData<?>> result = new ArrayList<>();
        Counter counter = null;
        long position = after + 1;
        Document commit = found.get(position);
        if (commit == null) {
            // After a restart a token may point inside a commit: look back for the commit that covers it.
            counter = readCounter();
            commit = commitCovering(position, counter.largestCommit());
        }
        while (position <= end) {
            if (commit == null) {
                if (counter == null) {
                    counter = readCounter();
                }
                if (position > counter.last()) {
                    break;
                }
                commit = resolveGap(position);
                if (commit == null) {
                    break;
                }
            }
            long first = commit.getLong("_id");
            if (!commit.getBoolean("tombstone", false)) {
                List<Document> events = events(commit);
                for (int i = (int) (position - first); i < events.size(); i++) {
                    result.add(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(first + i),
                            domainEventData(commit, i, events.get(i))));
                }
            }
            position = first + count(commit);
            commit = found.get(position);
        }
        long resolvedBelow = position;
        gapFirstSeenNanos.keySet().removeIf(gap -> gap < resolvedBelow);
        return result;
    }

    /**
     * A position with no commit yet. Returns {@code null} while its writer may still commit; once the gap is older
     * than the fence timeout, claims the position with a tombstone (or finds the commit that won the race).
     */
    private Document resolveGap(long position) {
        long now = System.nanoTime();
        long firstSeen = gapFirstSeenNanos.computeIfAbsent(position, p -> now);
        if (now - firstSeen < gapFenceTimeoutNanos) {
            return null;
        }
        if (tombstone(position, 1)) {
            log.warn("Fenced global position {}: it was reserved more than {} ms ago and never committed",
                    position, gapFenceTimeoutNanos / 1_000_000);
            return new Document("_id", position).append("tombstone", true).append("count", 1);
        }
        return commits.find(eq("_id", position)).first();
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
        return counter == null ? new Counter(0, 1)
                : new Counter(counter.getLong("last"), counter.getInteger("largestCommit", 1));
    }

    private record Counter(long last, int largestCommit) {
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long last = readCounter().last();
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
        return commit.getBoolean("tombstone", false) ? commit.getInteger("count") : events(commit).size();
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
     * Builds a {@link MongoEventStorageEngine}: the database is required, the gap fence timeout defaults to 10 s.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private Duration gapFenceTimeout = Duration.ofSeconds(10);

        public Builder() {
            // A duplicate stream key means another writer took this aggregate version first.
            persistenceExceptionResolver(exception -> exception instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** How long a reserved position may stay uncommitted before trackers fence it and move on. */
        public Builder gapFenceTimeout(Duration gapFenceTimeout) {
            this.gapFenceTimeout = gapFenceTimeout;
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
