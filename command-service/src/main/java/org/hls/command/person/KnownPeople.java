package org.hls.command.person;

import static com.mongodb.client.model.Filters.eq;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.springframework.stereotype.Component;

/**
 * The people the platform knows: everyone who has caused a stored event, with the organisation their latest event
 * named. Kept by a tracking processor of its own from the first stored event, so it knows everyone who acted before
 * it existed; read by exact key. Consent is withdrawn for someone else only if they are known here, and only by an
 * administrator of their organisation. The name an entry was shared under without its author's
 * ({@link Actor#isPseudonym}) is nobody: withdrawing "its" consent would erase that entry's words behind its
 * author's back.
 */
@Component
@ProcessingGroup(KnownPeople.PROCESSING_GROUP)
public class KnownPeople {

    static final String PROCESSING_GROUP = "known-people";

    private final MongoCollection<Document> people;
    /** What this instance last wrote per person: an event that changes nothing writes nothing. */
    private final Map<String, String> written = new ConcurrentHashMap<>();

    KnownPeople(MongoDatabase eventStoreDatabase) {
        this.people = eventStoreDatabase.getCollection("known_people");
    }

    @EventHandler
    void on(DomainEvent event) {
        Actor actor = event.actor();
        if (actor == null || actor.personId() == null || Actor.isPseudonym(actor.personId())
                || actor.organisation() == null || actor.organisation().equals(written.get(actor.personId()))) {
            return;
        }
        people.replaceOne(eq("_id", actor.personId()), new Document("_id", actor.personId())
                .append("organisation", actor.organisation()), new ReplaceOptions().upsert(true));
        written.put(actor.personId(), actor.organisation());
    }

    /** The organisation of {@code personId}, or empty when no stored event was caused by them. */
    public Optional<String> organisationOf(String personId) {
        if (Actor.isPseudonym(personId)) {
            // Listed here by versions before pseudonyms were left out.
            return Optional.empty();
        }
        Document person = people.find(eq("_id", personId)).first();
        return person == null ? Optional.empty() : Optional.ofNullable(person.getString("organisation"));
    }
}
