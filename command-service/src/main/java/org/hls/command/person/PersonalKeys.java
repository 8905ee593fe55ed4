package org.hls.command.person;

import static com.mongodb.client.model.Filters.eq;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.events.Actor;
import org.hls.events.SealedText;
import org.hls.events.person.ConsentWithdrawn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each person's key, which seals their words in every event ({@link SealedText}), kept in a collection of its own that
 * query-service reads to show them. Withdrawing consent destroys the key: the person's words then read
 * {@value SealedText#WITHDRAWN} in every copy of every event (store, topic, read models, replays, exports), which
 * never change.
 * <p>
 * A key is made when a person's words are first stored, before the event that holds them, unless the person has
 * withdrawn already (a withdrawal stored before keys existed included). It is destroyed by the directory of people's
 * tracking processor when it reaches the withdrawal: one reader of the store for both. Words a person writes after
 * withdrawing are refused ({@link WordsAfterWithdrawal}), or stored as {@code [withdrawn]}; another instance that read
 * the key just before reads the tombstone within {@code hls.personal-keys.remembered}, and what it seals meanwhile no
 * one can open.
 * <p>
 * Learning shared without a name is by a pseudonym ({@link #pseudonymFor}): an HMAC of the entry's id under a key
 * derived from the person's, so that only their key links the two, and they alone can show it is theirs. The
 * pseudonym has a key of its own, which seals the entry's words; the person's key record lists their pseudonyms, in
 * this collection only, and withdrawing consent destroys their keys with the person's.
 */
@Component
@ProcessingGroup(KnownPeople.PROCESSING_GROUP)
public class PersonalKeys implements Consents {

    private static final byte[] DESTROYED = new byte[0];
    private static final String PSEUDONYMS = "HmacSHA256";
    private static final byte[] PSEUDONYM_LABEL = "hls pseudonyms v1".getBytes(StandardCharsets.UTF_8);

    private final MongoCollection<Document> keys;
    /** Later than the serializer that seals with these keys, which the event store itself needs. */
    private final ObjectProvider<EventStore> events;
    private final Cache<String, byte[]> known;

    PersonalKeys(MongoDatabase personalKeysDatabase, ObjectProvider<EventStore> events,
                 @Value("${hls.personal-keys.remembered}") Duration remembered) {
        this.keys = personalKeysDatabase.getCollection("personal_keys");
        this.events = events;
        this.known = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(100_000).build();
    }

    /**
     * {@code text} sealed with {@code personId}'s key, made now if they have none. Text already sealed for them with
     * it (an import of this deployment's own replay) is kept as it is.
     */
    public String seal(String personId, String text) {
        byte[] key = known.get(personId, this::storedOrNew);
        if (key == DESTROYED) {
            return SealedText.WITHDRAWN;
        }
        return SealedText.isSealed(text) && SealedText.open(key, personId, text).isPresent() ? text
                : SealedText.seal(key, personId, text);
    }

    /** Whether {@code text} is sealed already, with {@code personId}'s key. */
    public boolean sealedBy(String personId, String text) {
        if (!SealedText.isSealed(text)) {
            return false;
        }
        byte[] key = known.get(personId, this::storedOrNew);
        return key != DESTROYED && SealedText.open(key, personId, text).isPresent();
    }

    /** Whether {@code personId} has withdrawn their consent: what they write now would be stored unreadable. */
    @Override
    public boolean withdrawn(String personId) {
        return known.get(personId, this::storedOrNew) == DESTROYED;
    }

    /**
     * This instance stops using {@code personId}'s key at once, their withdrawal stored: the processor that destroys
     * it follows a moment later, and what they write meanwhile is refused here rather than sealed with it.
     */
    void withdrawnHere(String personId) {
        known.put(personId, DESTROYED);
    }

    /**
     * The pseudonym {@code personId} shares {@code learningId} under without their name, kept with their key so that
     * withdrawing consent destroys its key too; empty once they have withdrawn (nothing would link it to them).
     */
    public Optional<String> pseudonymFor(String personId, String learningId) {
        // Listed only while the key stands: an instance that still holds a key withdrawn a moment ago lists nothing.
        // One document of the id and the condition, not "$and": the embedded store finds only a bare id by its key.
        return pseudonymOf(personId, learningId).filter(name -> keys.updateOne(new Document("_id", personId)
                .append("key", new Document("$exists", true)), new Document("$addToSet",
                new Document("pseudonyms", name))).getMatchedCount() == 1);
    }

    /** The pseudonym {@code personId}'s key gives them for {@code learningId}; empty once they have withdrawn. */
    public Optional<String> pseudonymOf(String personId, String learningId) {
        byte[] key = known.get(personId, this::storedOrNew);
        if (key == DESTROYED) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(PSEUDONYMS);
            mac.init(new SecretKeySpec(key, PSEUDONYMS));
            // A key of its own for pseudonyms, derived from the person's (as HKDF expands one): never the sealing key.
            mac.init(new SecretKeySpec(mac.doFinal(PSEUDONYM_LABEL), PSEUDONYMS));
            byte[] digest = mac.doFinal(learningId.getBytes(StandardCharsets.UTF_8));
            return Optional.of(Actor.PSEUDONYM_PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(digest, 16)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @EventHandler
    void on(ConsentWithdrawn withdrawn) {
        known.put(withdrawn.personId(), DESTROYED);
        // One write destroys the key and returns the pseudonyms listed up to then; none can be listed after it.
        Document before = keys.findOneAndUpdate(eq("_id", withdrawn.personId()),
                new Document("$unset", new Document("key", "")).append("$set", new Document("destroyed", true)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        if (before != null) {
            before.getList("pseudonyms", String.class, List.of()).forEach(this::destroy);
        }
    }

    private void destroy(String keyId) {
        known.put(keyId, DESTROYED);
        keys.replaceOne(eq("_id", keyId), new Document("_id", keyId).append("destroyed", true),
                new ReplaceOptions().upsert(true));
    }

    private byte[] storedOrNew(String personId) {
        Document stored = keys.find(eq("_id", personId)).first();
        if (stored != null) {
            return keyOf(stored);
        }
        if (hasWithdrawn(personId)) {
            keys.replaceOne(eq("_id", personId), new Document("_id", personId).append("destroyed", true),
                    new ReplaceOptions().upsert(true));
            return DESTROYED;
        }
        byte[] key = SealedText.newKey();
        try {
            keys.insertOne(new Document("_id", personId).append("key", new Binary(key)));
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another instance made this person's key first: theirs it is.
            return keyOf(keys.find(eq("_id", personId)).first());
        }
    }

    /** Whether {@code personId}'s consent stream holds a withdrawal: one exact-key read, once per person. */
    private boolean hasWithdrawn(String personId) {
        try (Stream<? extends DomainEventMessage<?>> consent = events.getObject().readEvents(personId).asStream()) {
            return consent.anyMatch(event -> event.getPayloadType() == ConsentWithdrawn.class);
        }
    }

    private static byte[] keyOf(Document stored) {
        Binary key = stored.get("key", Binary.class);
        return key == null ? DESTROYED : key.getData();
    }
}
