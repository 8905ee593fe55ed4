package org.hls.query.person;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.springframework.stereotype.Component;

/**
 * Who has withdrawn consent, and the keys to everyone else's words. Every view asks it, when it is read, for the
 * {@link Words} of the people it shows: a withdrawal applies at once to everything already projected, and to replays
 * of history.
 */
@Component
public class ConsentProjection implements Projection {

    private final MongoCollection<Document> withdrawn;
    private final PersonalKeys keys;

    public ConsentProjection(ViewCollections views, PersonalKeys keys) {
        this.withdrawn = views.collection(name(), "consent_withdrawn");
        this.keys = keys;
    }

    /** A withdrawal is for good, so writing it again is harmless. */
    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new ConsentProjection(views, keys);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ConsentWithdrawn consent) {
                withdrawn.replaceOne(new Document("_id", consent.personId()),
                        new Document("_id", consent.personId()).append("at", consent.occurredAt().toString()),
                        new ReplaceOptions().upsert(true));
            }
        }
    }

    /** What {@code personIds} said, as anyone may be shown it: two exact-key lookups. */
    public Words wordsOf(Collection<String> personIds) {
        List<String> ids = personIds.stream().filter(Objects::nonNull).distinct().toList();
        Set<String> found = new HashSet<>();
        if (!ids.isEmpty()) {
            withdrawn.find(new Document("_id", new Document("$in", ids)))
                    .forEach(person -> found.add(person.getString("_id")));
        }
        return keys.wordsOf(ids, found);
    }
}
