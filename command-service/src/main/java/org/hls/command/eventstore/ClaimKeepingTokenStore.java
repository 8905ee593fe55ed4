package org.hls.command.eventstore;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;

/**
 * Axon's MongoDB token store, without extending a claim this instance wrote a moment ago. A tracking processor
 * without transactions extends its claim before every batch and stores its token after it: two journaled writes a
 * batch, where the token's store renews the claim anyway (and fails if another instance holds it). A claim written
 * less than {@link #EXTEND_AFTER} ago holds for the claim's timeout less that (10 s, the default every instance
 * uses), so its extension is left out, as Axon's pooled streaming processor leaves out those within its claim
 * extension threshold. Another instance can take the claim meanwhile if this batch runs past the claim's timeout (now
 * from 8 s on, 10 s before; a publish may wait 30 s for Kafka) or its own clock runs some 8 s ahead: the batch's
 * token store then fails, and the batch is handled again by the claim's holder (its events published twice, which
 * the read side ignores).
 * <p>
 * Nor does it write a token less than {@link #STORE_AFTER} after its last write, if the token only moves on from the
 * one it last wrote or fetched (a global sequence; a reset's or a merge's is written at once): it keeps the newest,
 * and writes it at the first token store or claim extension after that second (a processor with nothing to handle
 * extends its claim every second), or at the release that ends every processor's run. A crash forgets the progress
 * since the last write (that second, and the batch running then), whose events are handled again when the segment is
 * claimed next: people known here are replaced with what they were, and the query-service applies each event's
 * position once. A token still kept when the segment is fetched again (its claim was lost without a release) is
 * dropped: the stored one comes first.
 * <p>
 * A segment's claim is written by its processor's one thread; a release racing a write on another thread could
 * leave a claim remembered that is not held: the next token store takes it back (it is nobody's), an extension
 * within 2 s is not asked.
 */
class ClaimKeepingTokenStore extends MongoTokenStore {

    /** Well under the claim's timeout (10 s): a batch that starts without an extension keeps at least 8 s of claim. */
    static final Duration EXTEND_AFTER = Duration.ofSeconds(2);
    /** A token is written at most this often: a processor handling events stores one after every batch. */
    static final Duration STORE_AFTER = Duration.ofSeconds(1);

    /** When this instance last wrote its claim on each processor's segment, in {@link #nanoTime()}'s terms. */
    private final Map<String, Long> claimedAt = new ConcurrentHashMap<>();
    /** The newest token of each segment stored since its last write, not written yet. */
    private final Map<String, TrackingToken> unwritten = new ConcurrentHashMap<>();
    /** The token of each segment this instance last wrote or fetched (none: the segment's start). */
    private final Map<String, Optional<TrackingToken>> written = new ConcurrentHashMap<>();

    ClaimKeepingTokenStore(MongoTokenStore.Builder builder) {
        super(builder);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        if (writeUnwrittenIfDue(processorName, segment) || writtenWithin(EXTEND_AFTER, processorName, segment)) {
            return;
        }
        claiming(processorName, segment, () -> {
            super.extendClaim(processorName, segment);
            return null;
        });
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        String key = key(processorName, segment);
        if (movesOn(key, token) && writtenWithin(STORE_AFTER, processorName, segment)) {
            unwritten.put(key, token);
            return;
        }
        write(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        // Kept past a release only if the claim was lost meanwhile: its holder's progress, or a reset, comes first.
        unwritten.remove(key(processorName, segment));
        TrackingToken token = claiming(processorName, segment, () -> super.fetchToken(processorName, segment));
        written.put(key(processorName, segment), Optional.ofNullable(token));
        return token;
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        try {
            writeUnwritten(processorName, segment);
        } catch (UnableToClaimTokenException takenMeanwhile) {
            // nothing to release: its holder handles those events again
        } finally {
            forget(key(processorName, segment));
            super.releaseClaim(processorName, segment);
        }
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        forget(key(processorName, segment));
        super.deleteToken(processorName, segment);
    }

    /** Forgets all this instance knew of the segment: it no longer holds it. */
    private void forget(String key) {
        unwritten.remove(key);
        written.remove(key);
        claimedAt.remove(key);
    }

    /** Writes the segment's unwritten token once {@link #STORE_AFTER} has passed; whether it wrote one. */
    private boolean writeUnwrittenIfDue(String processorName, int segment) {
        return !writtenWithin(STORE_AFTER, processorName, segment) && writeUnwritten(processorName, segment);
    }

    /** Writes the segment's unwritten token, if any; whether it wrote one. */
    private boolean writeUnwritten(String processorName, int segment) {
        TrackingToken token = unwritten.get(key(processorName, segment));
        if (token == null) {
            return false;
        }
        write(token, processorName, segment);
        return true;
    }

    /** Writes {@code token}, which renews the claim, and forgets any older unwritten one. */
    private void write(TrackingToken token, String processorName, int segment) {
        String key = key(processorName, segment);
        unwritten.remove(key);
        written.remove(key);
        claiming(processorName, segment, () -> {
            super.storeToken(token, processorName, segment);
            return null;
        });
        written.put(key, Optional.ofNullable(token));
    }

    /** Whether {@code token} is a global sequence at or past the one this instance last kept, wrote or fetched. */
    private boolean movesOn(String key, TrackingToken token) {
        if (!(token instanceof GlobalSequenceTrackingToken)) {
            return false;
        }
        TrackingToken kept = unwritten.get(key);
        Optional<TrackingToken> last = kept != null ? Optional.of(kept) : written.get(key);
        return last != null && (last.isEmpty()
                || last.get() instanceof GlobalSequenceTrackingToken && token.covers(last.get()));
    }

    /** Whether this instance wrote its claim on the segment less than {@code within} ago. */
    private boolean writtenWithin(Duration within, String processorName, int segment) {
        Long at = claimedAt.get(key(processorName, segment));
        return at != null && nanoTime() - at < within.toNanos();
    }

    /** The current time in nanoseconds, monotonic: a seam for tests of claims growing old. */
    protected long nanoTime() {
        return System.nanoTime();
    }

    /** Runs a write that claims the segment, and remembers when it started only if it succeeded. */
    private <T> T claiming(String processorName, int segment, Supplier<T> write) {
        String key = key(processorName, segment);
        long startedAt = nanoTime();
        claimedAt.remove(key);
        T written = write.get();
        claimedAt.put(key, startedAt);
        return written;
    }

    private static String key(String processorName, int segment) {
        return processorName + "\n" + segment;
    }
}
