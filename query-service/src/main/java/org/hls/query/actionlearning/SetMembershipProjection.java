package org.hls.query.actionlearning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.FacilitationHandedOver;
import org.hls.events.actionlearning.FacilitatorLeft;
import org.hls.events.actionlearning.MemberJoined;
import org.hls.events.actionlearning.MemberLeft;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.springframework.stereotype.Component;

/**
 * Which sets each person facilitates or belongs to, read by their id alone: one document per person holding, for each
 * set, whether they are in it and the set's sequence that said so. A write applies only over an older sequence, so a
 * batch delivered again, or late from a consumer that lost its partitions, changes nothing. Set ids have the shape of
 * ids ({@code [A-Za-z0-9-]}), safe as field names.
 */
@Component
public class SetMembershipProjection implements Projection {

    private final MongoCollection<Document> people;

    SetMembershipProjection(ViewCollections views) {
        this.people = views.collection(name(), "set_people");
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new SetMembershipProjection(views);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ActionLearningSetFormed formed) {
                List<String> everyone = new ArrayList<>(formed.members());
                everyone.add(formed.facilitator());
                everyone.forEach(person -> record(person, formed.setId(), true, event.sequence()));
            } else if (event.payload() instanceof MemberJoined joined) {
                record(joined.memberId(), joined.setId(), true, event.sequence());
            } else if (event.payload() instanceof MemberLeft left) {
                record(left.memberId(), left.setId(), false, event.sequence());
            } else if (event.payload() instanceof FacilitatorLeft left) {
                record(left.facilitator(), left.setId(), false, event.sequence());
            } else if (event.payload() instanceof FacilitationHandedOver handedOver) {
                record(handedOver.facilitator(), handedOver.setId(), true, event.sequence());
                record(handedOver.previousFacilitator(), handedOver.setId(), false, event.sequence());
            }
        }
    }

    private void record(String personId, String setId, boolean member, long sequence) {
        String applied = "sets." + setId + ".sequence";
        GuardedWrites.updateUnlessApplied(people, new Document("_id", personId).append("$or", List.of(
                        new Document(applied, new Document("$exists", false)),
                        new Document(applied, new Document("$lt", sequence)))),
                new Document("$set", new Document("sets." + setId,
                        new Document("member", member).append("sequence", sequence))), true);
    }

    /** The ids of the sets {@code personId} facilitates or belongs to. */
    public List<String> setsOf(String personId) {
        Document person = people.find(new Document("_id", personId)).first();
        if (person == null) {
            return List.of();
        }
        Document sets = person.get("sets", Document.class);
        return sets.entrySet().stream().filter(set -> ((Document) set.getValue()).getBoolean("member"))
                .map(Map.Entry::getKey).toList();
    }
}
