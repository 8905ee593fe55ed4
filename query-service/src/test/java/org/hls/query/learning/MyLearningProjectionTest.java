package org.hls.query.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;
import org.hls.query.support.Events;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MyLearningProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final Actor ALICE = actor("alice", "org-a", "team-1");
    private static final Actor BOB = actor("bob", "org-a", "team-1");

    private LearningFeedProjection feed;
    private MyLearningProjection projection;

    @BeforeEach
    void setUp() {
        feed = new LearningFeedProjection(ViewCollections.of(database),
                new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database)));
        projection = new MyLearningProjection(ViewCollections.of(database), feed);
        // Far apart in the whole history, as one person's entries are among everyone's: spans of their own.
        apply(at(5, "first", ALICE), at(1030, "second", ALICE), at(1031, "bobs", BOB), at(5000, "third", ALICE),
                at(9000, "fourth", ALICE), at(9001, "unnamed", new Actor(Actor.PSEUDONYM_PREFIX + "x", null, "org-a",
                        "team-1", "fife")));
    }

    @Test
    void eachPersonReadsWhatTheyRecordedUnderTheirNameNewestFirstAPageAtATimeAcrossSpans() {
        assertThat(ids(projection.mine(reader(ALICE), null, 20))).containsExactly("fourth", "third", "second", "first");
        LearningFeed first = projection.mine(reader(ALICE), null, 2);
        assertThat(ids(first)).containsExactly("fourth", "third");
        assertThat(first.next()).isEqualTo(5000);
        LearningFeed second = projection.mine(reader(ALICE), first.next(), 2);
        assertThat(ids(second)).containsExactly("second", "first");
        assertThat(ids(projection.mine(reader(ALICE), second.next(), 2))).isEmpty();
        assertThat(ids(projection.mine(reader(BOB), null, 20))).containsExactly("bobs");
        assertThat(database.getCollection("my_learning_spans").countDocuments(new Document("_id",
                Actor.PSEUDONYM_PREFIX + "x"))).as("nothing leads from a pseudonym to its entries").isZero();
    }

    @Test
    void whatWasTakenBackIsNotListedAndAPageIsFilledPastIt() {
        apply(new ProjectedEvent(Events.envelope("third", 1, 9100, new LearningRetracted("third", "No", ALICE, AT)),
                new LearningRetracted("third", "No", ALICE, AT), 0));

        assertThat(ids(projection.mine(reader(ALICE), null, 2))).containsExactly("fourth", "second");
    }

    @Test
    void anEntryDeliveredAgainIsListedOnce() {
        apply(at(5000, "third", ALICE));

        assertThat(ids(projection.mine(reader(ALICE), null, 20))).containsExactly("fourth", "third", "second", "first");
    }

    private void apply(ProjectedEvent... events) {
        feed.apply(List.of(events));
        projection.apply(List.of(events));
    }

    private static ProjectedEvent at(long position, String id, Actor author) {
        LearningRecorded recorded = new LearningRecorded(id, LearningKind.REFLECTION, "Summary of " + id, null,
                List.of(), Perspective.PRACTITIONER, Visibility.TEAM, null, null, null, author, AT);
        return new ProjectedEvent(Events.envelope(id, 0, position, recorded), recorded, 0);
    }

    private static List<String> ids(LearningFeed feed) {
        return feed.items().stream().map(LearningFeed.Item::id).toList();
    }
}
