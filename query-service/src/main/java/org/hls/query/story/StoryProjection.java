package org.hls.query.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.SealedText;
import org.hls.events.Visibility;
import org.hls.events.story.StoryConsentNarrowed;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.springframework.stereotype.Component;

/**
 * Each story with its current consent. Whoever reads a story, directly or through what refers to it, reads it only
 * within that consent, as it is at the moment of reading.
 */
@Component
public class StoryProjection implements Projection {

    private final MongoCollection<Document> stories;
    private final ConsentProjection consent;

    public StoryProjection(ViewCollections views, ConsentProjection consent) {
        this.stories = views.collection(name(), "stories");
        this.consent = consent;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new StoryProjection(views, consent);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            Document change = null;
            if (event.payload() instanceof StoryRecorded recorded) {
                Actor teller = recorded.actor();
                change = new Document("text", recorded.text()).append("visibility", recorded.visibility().name())
                        .append("purposes", recorded.purposes().stream().map(Enum::name).toList())
                        .append("teller", new Document("personId", teller.personId()).append("name", teller.name())
                                .append("organisation", teller.organisation()).append("team", teller.team())
                                .append("place", teller.place()))
                        .append("at", recorded.occurredAt().toString());
            } else if (event.payload() instanceof StoryConsentNarrowed narrowed) {
                change = new Document("visibility", narrowed.visibility().name())
                        .append("purposes", narrowed.purposes().stream().map(Enum::name).toList());
            }
            if (change != null) {
                GuardedWrites.updateUnlessApplied(stories,
                        GuardedWrites.unapplied(event.envelope().aggregateId(), "sequence", event.sequence()),
                        new Document("$set", change.append("sequence", event.sequence())),
                        event.payload() instanceof StoryRecorded);
            }
        }
    }

    /**
     * The story if {@code reader} may read it now: its teller always; others within its visibility while its
     * consent covers learning (what this platform is for), and one who reads only as an analyst while it covers
     * research too. Empty when it does not exist or is outside its consent.
     */
    public Optional<StoryView> story(String storyId, Reader reader) {
        return stories(List.of(storyId), reader).stream().findFirst();
    }

    /**
     * The stories of {@code storyIds} others told (the reader's own left out) that {@code reader} may read and refer
     * to now (within their consent, which covers learning); none of someone who withdrew; newest first, {@code most}
     * at most.
     */
    public List<StoryView> sharedWith(Reader reader, List<String> storyIds, int most) {
        return stories(storyIds, reader, true).stream()
                .filter(story -> !SealedText.WITHDRAWN.equals(story.text()))
                .sorted(Comparator.comparing((StoryView story) -> Instant.parse(story.at())).reversed())
                .limit(most).toList();
    }

    /** Whether {@code reader} reads only as an analyst: no role of theirs works in the services themselves. */
    private static boolean readsForResearch(Reader reader) {
        return reader.has("ANALYST") && !reader.has("PRACTITIONER") && !reader.has("FACILITATOR")
                && !reader.has("LEADER");
    }

    /** The stories of these ids the reader may read, as {@link #story} shows each: read at once. */
    public List<StoryView> stories(List<String> storyIds, Reader reader) {
        return stories(storyIds, reader, false);
    }

    /** @param othersOnly whether the reader's own stories are left out */
    private List<StoryView> stories(List<String> storyIds, Reader reader, boolean othersOnly) {
        if (storyIds.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        stories.find(new Document("_id", new Document("$in", storyIds))).forEach(found::add);
        Words words = consent.wordsOf(found.stream()
                .map(story -> story.get("teller", Document.class).getString("personId")).distinct().toList());
        List<StoryView> shown = new ArrayList<>();
        for (Document story : found) {
            Document tellerDocument = story.get("teller", Document.class);
            Actor teller = new Actor(tellerDocument.getString("personId"), tellerDocument.getString("name"),
                    tellerDocument.getString("organisation"), tellerDocument.getString("team"),
                    tellerDocument.getString("place"));
            if (othersOnly && reader.is(teller.personId())) {
                continue;
            }
            List<String> purposes = story.getList("purposes", String.class);
            Visibility visibility = Visibility.valueOf(story.getString("visibility"));
            // Learning is what the platform is for; one who reads only as an analyst reads for research besides.
            boolean withinConsent = visibility.admits(teller, reader.actor())
                    && purposes.contains(StoryPurpose.LEARNING.name())
                    && (!readsForResearch(reader) || purposes.contains(StoryPurpose.RESEARCH.name()));
            if (withinConsent || reader.is(teller.personId())) {
                shown.add(new StoryView(story.getString("_id"), words.shown(story.getString("text"),
                        teller.personId()), words.shown(teller.name(), teller.personId()),
                        visibility, purposes, story.getString("at")));
            }
        }
        return shown;
    }
}
