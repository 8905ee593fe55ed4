package org.hls.query.story;

import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.story.StoryRecorded;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.springframework.stereotype.Component;

/**
 * The stories each person told, read by their id alone, so that they can refer to one and narrow its consent. A
 * story told is {@code $addToSet}: delivered again, it changes nothing.
 */
@Component
public class StoryTellersProjection implements Projection {

    private final MongoCollection<Document> tellers;

    StoryTellersProjection(ViewCollections views) {
        this.tellers = views.collection(name(), "story_tellers");
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new StoryTellersProjection(views);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof StoryRecorded recorded) {
                tellers.updateOne(new Document("_id", recorded.actor().personId()),
                        new Document("$addToSet", new Document("stories", recorded.storyId())),
                        new UpdateOptions().upsert(true));
            }
        }
    }

    /** The ids of the stories {@code personId} told. */
    public List<String> toldBy(String personId) {
        Document teller = tellers.find(new Document("_id", personId)).first();
        return teller == null ? List.of() : teller.getList("stories", String.class);
    }
}
