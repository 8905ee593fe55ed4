package org.hls.query.actionlearning;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.MemberJoined;
import org.hls.events.actionlearning.MemberLeft;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.springframework.stereotype.Component;

/**
 * Which sets each person facilitates or belongs to, read by their id alone. Joining is {@code $addToSet} and leaving
 * {@code $pull}: a set's events arrive in order, and a batch delivered again repeats them in the same order, so the
 * list ends as the last event left it.
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
                everyone.forEach(person -> join(person, formed.setId()));
            } else if (event.payload() instanceof MemberJoined joined) {
                join(joined.memberId(), joined.setId());
            } else if (event.payload() instanceof MemberLeft left) {
                people.updateOne(new Document("_id", left.memberId()),
                        new Document("$pull", new Document("sets", left.setId())));
            }
        }
    }

    private void join(String personId, String setId) {
        people.updateOne(new Document("_id", personId), new Document("$addToSet", new Document("sets", setId)),
                new UpdateOptions().upsert(true));
    }

    /** The ids of the sets {@code personId} facilitates or belongs to. */
    public List<String> setsOf(String personId) {
        Document person = people.find(new Document("_id", personId)).first();
        return person == null ? List.of() : person.getList("sets", String.class);
    }
}
