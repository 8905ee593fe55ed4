package org.hls.command.person;

import static com.mongodb.client.model.Filters.eq;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.types.Binary;
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
 * withdrawing are stored as {@code [withdrawn]}; an instance that read the key just before reads the tombstone
 * within {@code hls.personal-keys.remembered}, and what it seals meanwhile no one can open.
 */
@Component
@ProcessingGroup(KnownPeople.PROCESSING_GROUP)
public class PersonalKeys {

    private static final byte[] DESTROYED = new byte[0];

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

    @EventHandler
    void on(ConsentWithdrawn withdrawn) {
        known.put(withdrawn.personId(), DESTROYED);
        keys.replaceOne(eq("_id", withdrawn.personId()), new Document("_id", withdrawn.personId())
                .append("destroyed", true), new ReplaceOptions().upsert(true));
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
