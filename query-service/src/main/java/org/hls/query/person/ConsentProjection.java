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
 * Who has withdrawn consent. Every view asks it, when it is read, whose personal content to show as
 * {@value #WITHDRAWN}: a withdrawal applies at once to everything already projected, and to replays of history.
 */
@Component
public class ConsentProjection implements Projection {

    public static final String WITHDRAWN = "[withdrawn]";

    private final MongoCollection<Document> withdrawn;

    public ConsentProjection(ViewCollections views) {
        this.withdrawn = views.collection(name(), "consent_withdrawn");
    }

    /** A withdrawal is for good, so writing it again is harmless. */
    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new ConsentProjection(views);
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

    /** Those of {@code personIds} who have withdrawn consent: one exact-key lookup. */
    public Set<String> withdrawnAmong(Collection<String> personIds) {
        List<String> ids = personIds.stream().filter(Objects::nonNull).distinct().toList();
        Set<String> found = new HashSet<>();
        if (!ids.isEmpty()) {
            withdrawn.find(new Document("_id", new Document("$in", ids)))
                    .forEach(person -> found.add(person.getString("_id")));
        }
        return found;
    }

    /** {@code text}, or {@value #WITHDRAWN} when its author withdrew consent. */
    public static String shown(String text, String authorId, Set<String> withdrawn) {
        return text != null && withdrawn.contains(authorId) ? WITHDRAWN : text;
    }
}
