package org.hls.query.projection;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which generation of each stored projection is live, kept in the store so every instance reads the same one; and who
 * is building the next one. A claim to build is one conditional write, so two instances never build the same
 * projection at once; a claim its builder stopped renewing (it crashed) can be taken over.
 */
@Component
public class ProjectionGenerations {

    private final MongoCollection<Document> documents;
    private final Map<String, Long> live = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    ProjectionGenerations(MongoDatabase viewsDatabase) {
        this.documents = viewsDatabase.getCollection("projection_generations");
    }

    /** The generation of {@code projection} this instance reads and writes; 0 until told otherwise. */
    public long live(String projection) {
        return live.getOrDefault(projection, 0L);
    }

    void liveHere(String projection, long generation) {
        live.put(projection, generation);
        waiting.remove(projection);
    }

    /**
     * Whether this instance has no generation of {@code projection} in its own release's shape yet (the live one was
     * written by another release, in a rolling upgrade): it then writes none, and is not ready, until one goes live.
     */
    public boolean waiting(String projection) {
        return waiting.contains(projection);
    }

    /** Which projections this instance waits for (see {@link #waiting}). */
    Set<String> waiting() {
        return Set.copyOf(waiting);
    }

    void waitHere(String projection) {
        waiting.add(projection);
    }

    /** What the store says of every projection it knows. */
    Map<String, Stored> stored() {
        Map<String, Stored> all = new HashMap<>();
        documents.find().forEach(document -> all.put(document.getString("_id"), new Stored(
                document.get("live", Number.class).longValue(), document.getBoolean("needsBuild", false),
                document.getString("builder"), document.get("building", Number.class) == null ? 0
                : document.get("building", Number.class).longValue(), document.getBoolean("complete"),
                document.get("version", Number.class) == null ? 1 : document.get("version", Number.class).intValue(),
                document.get("previousLive", Number.class) == null ? document.get("live", Number.class).longValue()
                : document.get("previousLive", Number.class).longValue())));
        return all;
    }

    /** Records a projection the store did not know, live in generation 0; {@code false} if another instance did. */
    boolean register(String projection, boolean needsBuild, int version) {
        try {
            documents.insertOne(new Document("_id", projection).append("live", 0L).append("needsBuild", needsBuild)
                    .append("version", version));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Claims the next generation of {@code projection} for {@code builder}, unless another builder holds a claim it
     * renewed after {@code staleBefore}.
     *
     * @return the generation to build, or 0 when another builder holds it
     */
    long claim(String projection, String builder, Instant now, Instant staleBefore) {
        Document free = new Document("_id", projection).append("$or", java.util.List.of(
                new Document("builder", null), new Document("renewedAt", new Document("$lt", staleBefore.toEpochMilli()))));
        Document current = documents.find(new Document("_id", projection)).first();
        if (current == null) {
            return 0;
        }
        long next = Math.max(current.get("live", Number.class).longValue(), current.get("building", Number.class)
                == null ? 0 : current.get("building", Number.class).longValue()) + 1;
        Document claimed = documents.findOneAndUpdate(free, new Document("$set", new Document("builder", builder)
                        .append("building", next).append("renewedAt", now.toEpochMilli())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return claimed == null ? 0 : next;
    }

    /** Keeps {@code builder}'s claim from looking abandoned. */
    void renew(String projection, String builder, Instant now) {
        documents.updateOne(new Document("_id", projection).append("builder", builder),
                new Document("$set", new Document("renewedAt", now.toEpochMilli())));
    }

    /** Gives up {@code builder}'s claim; the live generation stays. */
    void release(String projection, String builder) {
        documents.updateOne(new Document("_id", projection).append("builder", builder),
                new Document("$unset", new Document("builder", "").append("renewedAt", "")));
    }

    /**
     * Makes {@code generation} the live one, for every instance, and ends {@code builder}'s claim; {@code complete}
     * says whether it was built from the whole history.
     */
    void makeLive(String projection, long generation, String builder, boolean complete, int version) {
        Document before = documents.find(new Document("_id", projection)).first();
        // The last generation of another shape stays the one before, however often this shape is rebuilt: instances
        // of that release may still read it.
        long previous = before == null ? 0 : before.get("live", Number.class).longValue();
        Number beforeVersion = before == null ? null : before.get("version", Number.class);
        if (before != null && (beforeVersion == null ? 1 : beforeVersion.intValue()) == version
                && before.get("previousLive") instanceof Number kept) {
            previous = kept.longValue();
        }
        documents.updateOne(new Document("_id", projection), new Document("$set", new Document("live", generation)
                .append("needsBuild", false).append("complete", complete).append("version", version)
                .append("previousLive", previous))
                .append("$unset", new Document("builder", "").append("renewedAt", "")));
        liveHere(projection, generation);
    }

    /**
     * One projection's record.
     *
     * @param live       the generation readers read
     * @param needsBuild whether it was added to a deployment that already had history and has not been built yet
     * @param builder    who claims to build the next generation, or {@code null}
     * @param building   the generation claimed last (0 when none was)
     * @param complete   whether the live generation was built from the whole history: {@code false} when it was
     *                   built from a topic that had lost its earliest records; {@code null} for generation 0, which
     *                   the shared consumer group built from whatever the topic held when it first ran
     * @param version    the version of the projection that built the live generation (1 before versions were kept)
     * @param previousLive the generation live before it, which instances of the release before may still read
     */
    record Stored(long live, boolean needsBuild, String builder, long building, Boolean complete, int version,
                  long previousLive) {
    }
}
