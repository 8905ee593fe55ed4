package org.hls.query.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.story.StoryRecorded;
import org.hls.query.projection.Audiences;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.springframework.stereotype.Component;

/**
 * The stories told to each audience (a person, a team, an organisation, the whole system), by the audience's key
 * alone, so that a practitioner is offered the stories they may refer to instead of having someone tell theirs again.
 * A story is listed where it was told; a narrowed consent is read with the story itself, whoever asks.
 */
@Component
public class StoryAudiencesProjection implements Projection {

    /** How many of an audience's stories are read, the latest. */
    static final int LATEST = 500;

    private final MongoCollection<Document> audiences;

    StoryAudiencesProjection(ViewCollections views) {
        this.audiences = views.collection(name(), "story_audiences");
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new StoryAudiencesProjection(views);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        Map<String, Set<String>> told = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof StoryRecorded recorded) {
                told.computeIfAbsent(Audiences.of(recorded.visibility(), recorded.actor()),
                        audience -> new LinkedHashSet<>()).add(recorded.storyId());
            }
        }
        GuardedWrites.addToSets(audiences, "stories", told);
    }

    /**
     * The ids of the latest {@value #LATEST} stories told to each audience {@code reader} belongs to (a list holds
     * them in the order they were told): what is offered is the newest, and a busy system's older ones are not read.
     */
    public List<String> toldTo(Actor reader) {
        List<String> ids = new ArrayList<>();
        audiences.find(new Document("_id", new Document("$in", Audiences.of(reader)))).forEach(audience -> {
            List<String> told = audience.getList("stories", String.class);
            ids.addAll(told.subList(Math.max(0, told.size() - LATEST), told.size()));
        });
        return ids;
    }
}
