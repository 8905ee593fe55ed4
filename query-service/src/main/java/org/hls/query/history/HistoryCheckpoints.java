package org.hls.query.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history saved in the store, so that a restart reads it back instead of the whole topic: the facts applied,
 * appended in segments, and a manifest saying how many segments there are and where each partition had got to. A
 * rebuild saves into a generation of its own; the generation of the live history is named by one pointer document.
 * Every read is by exact key.
 * <p>
 * Each instance of the service keeps its own checkpoints (its {@code owner} name): several instances never write the
 * same documents.
 */
final class HistoryCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(HistoryCheckpoints.class);

    private static final int SEGMENTS_PER_READ = 20;
    /**
     * What the facts saved hold: 2 since learning keeps its author, 3 since an action committed or done keeps its id,
     * 4 since an experiment's ending may be said after its conclusion, 5 since a session closed counts as held only if a
     * problem was presented in it, 6 since an experiment may be shared more widely, 7 since an experiment keeps its
     * proposer (whose withdrawal takes its themes with their words), 8 since every theme is as events now carry it
     * (whatever its stored text says).
     * A checkpoint of another format (older, or newer when a release is rolled back) is read as none, so the history
     * builds itself again from the topic (or the event store) and knows everything it now keeps.
     */
    static final int FORMAT = 8;

    private final MongoCollection<Document> documents;
    private final String owner;

    HistoryCheckpoints(MongoDatabase database, String owner) {
        this.documents = database.getCollection("history_checkpoints");
        this.owner = owner;
    }

    /** The generation of the live history, or 0 when none was ever saved. */
    long liveGeneration() {
        Document pointer = documents.find(new Document("_id", owner)).first();
        return pointer == null ? 0 : pointer.getLong("generation");
    }

    /** Makes {@code generation} the live one and removes {@code previous}, which nothing reads any more. */
    void makeLive(long generation, long previous) {
        documents.replaceOne(new Document("_id", owner), new Document("_id", owner).append("generation", generation),
                new ReplaceOptions().upsert(true));
        if (previous > 0 && previous != generation) {
            Document manifest = documents.find(new Document("_id", manifestId(previous))).first();
            long segments = manifest == null ? 0 : manifest.getInteger("segments");
            List<String> ids = new ArrayList<>(LongStream.rangeClosed(1, segments)
                    .mapToObj(segment -> segmentId(previous, segment)).toList());
            ids.add(manifestId(previous));
            documents.deleteMany(new Document("_id", new Document("$in", ids)));
        }
    }

    /**
     * What a checkpoint held besides its facts.
     *
     * @param replaying saved while a replay from the event store had not been handed over to the topic: cut short
     */
    record Restored(int segments, boolean incomplete, boolean replaying) {
    }

    /**
     * Applies the facts saved in {@code generation} to {@code history}, then its progress; the number of segments
     * read, which the next save continues from (0 when there was nothing saved), and whether the history saved lacked
     * the topic's earliest events. A read the store does not answer is made again while {@code tryAgain} says so (a
     * replica set electing a primary): facts are applied only from reads that were answered, never twice.
     */
    Restored restore(long generation, History history, Predicate<MongoException> tryAgain) {
        Document manifest = find(new Document("_id", manifestId(generation)), tryAgain).stream().findFirst()
                .orElse(null);
        int format = manifest == null ? 0 : manifest.getInteger("format", 1);
        if (format != FORMAT) {
            if (manifest != null) {
                log.warn("Checkpoint {} is of format {}, this release reads {}: the history builds itself again",
                        manifestId(generation), format, FORMAT);
            }
            return new Restored(0, false, false);
        }
        int segments = manifest.getInteger("segments");
        for (int from = 1; from <= segments; from += SEGMENTS_PER_READ) {
            List<String> ids = new ArrayList<>();
            for (int segment = from; segment < from + SEGMENTS_PER_READ && segment <= segments; segment++) {
                ids.add(segmentId(generation, segment));
            }
            List<Document> found = find(new Document("_id", new Document("$in", ids)), tryAgain);
            found.sort((a, b) -> Integer.compare(a.getInteger("segment"), b.getInteger("segment")));
            if (found.size() != ids.size()) {
                throw new CheckpointUnreadable("Checkpoint " + manifestId(generation) + " lacks segments of " + ids,
                        null);
            }
            for (Document segment : found) {
                try {
                    history.apply(FactCodec.decode(segment.get("facts", Binary.class).getData()));
                } catch (RuntimeException damaged) {
                    throw new CheckpointUnreadable("Checkpoint " + manifestId(generation) + " has a damaged segment "
                            + segment.get("_id"), damaged);
                }
            }
        }
        history.restoreProgress(longs(manifest, "positions"), longs(manifest, "offsets"));
        return new Restored(segments, manifest.getBoolean("incomplete", false),
                manifest.getBoolean("replaying", false));
    }

    /** Every document {@code filter} finds, read whole before any is used; read again while {@code tryAgain} says. */
    private List<Document> find(Document filter, Predicate<MongoException> tryAgain) {
        while (true) {
            try {
                return documents.find(filter).into(new ArrayList<>());
            } catch (MongoException unavailable) {
                if (!tryAgain.test(unavailable)) {
                    throw unavailable;
                }
            }
        }
    }

    /**
     * Appends {@code facts} (if any) as segment {@code segment}, then saves the manifest: the progress, whether the
     * history lacks the topic's earliest events, and whether it is still being replayed from the event store.
     */
    void save(long generation, int segment, List<Fact> facts, long[] positions, long[] offsets, boolean incomplete,
              boolean replaying) {
        if (!facts.isEmpty()) {
            documents.replaceOne(new Document("_id", segmentId(generation, segment)),
                    new Document("_id", segmentId(generation, segment)).append("segment", segment)
                            .append("count", facts.size()).append("facts", new Binary(FactCodec.encode(facts))),
                    new ReplaceOptions().upsert(true));
        }
        documents.replaceOne(new Document("_id", manifestId(generation)),
                new Document("_id", manifestId(generation)).append("format", FORMAT)
                        .append("segments", facts.isEmpty() ? segment - 1 : segment)
                        .append("positions", boxed(positions)).append("offsets", boxed(offsets))
                        .append("incomplete", incomplete).append("replaying", replaying),
                new ReplaceOptions().upsert(true));
    }

    private String manifestId(long generation) {
        return owner + "/" + generation;
    }

    private String segmentId(long generation, long segment) {
        return owner + "/" + generation + "/" + segment;
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static long[] longs(Document manifest, String field) {
        return manifest.getList(field, Long.class, List.of()).stream().mapToLong(Long::longValue).toArray();
    }
}
