package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.query.history.Fact.Learning;
import org.hls.query.history.Fact.SetActivity;
import org.hls.query.history.Fact.Withdrawal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistoryCheckpointsTest {

    private static final Learning ALICES = new Learning(0, 1, 1_000, "l1", LearningKind.BREAKTHROUGH,
            Perspective.PRACTITIONER, Visibility.SYSTEM, new Where("fife", "org-a", "team-1"), List.of("alices-own"),
            null, 900, "alice");

    private MongoClient client;
    private MongoDatabase database;
    private HistoryCheckpoints checkpoints;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(EmbeddedStack.shared().store().connectionString());
        database = client.getDatabase("checkpoints-" + UUID.randomUUID());
        checkpoints = new HistoryCheckpoints(database, "test");
    }

    @AfterEach
    void tearDown() {
        database.drop();
        client.close();
    }

    @Test
    void aCheckpointKeepsWhoRecordedEachEntrySoThatTheirWithdrawalStillHidesTheirThemes() {
        List<Fact> facts = List.of(ALICES,
                new Learning(1, 2, 2_000, "l2", LearningKind.REFLECTION, Perspective.LIVED_EXPERIENCE,
                        Visibility.TEAM, new Where("fife", "org-a", null), List.of(), "e1", 1_900, null),
                new Withdrawal(0, 3, 3_000, "alice"));
        assertThat(FactCodec.decode(FactCodec.encode(facts))).isEqualTo(facts);

        checkpoints.save(1, 1, facts, new long[] {3, 2}, new long[] {3, 1}, false, false);
        History restored = new History();
        checkpoints.restore(1, restored, unavailable -> false);

        boolean aliceWithdrew = restored.read(reading -> {
            boolean[] withdrew = new boolean[1];
            reading.learning(Scope.everything(10_000), entry -> withdrew[0] |= entry.authorWithdrew());
            return withdrew[0];
        });
        assertThat(aliceWithdrew).isTrue();
    }

    @Test
    void aCheckpointKeepsWhichActionWasCommittedWhereSoThatItCountsThereOnceDone() {
        Where presenters = new Where("fife", "org-a", "team-1");
        List<Fact> facts = List.of(new SetActivity(0, 1, 1_000, Activity.ACTION_COMMITTED, presenters, 0, 900,
                "set-1 a1"));
        assertThat(FactCodec.decode(FactCodec.encode(facts))).isEqualTo(facts);
        checkpoints.save(1, 1, facts, new long[] {1}, new long[] {1}, false, false);
        History restored = new History();
        checkpoints.restore(1, restored, unavailable -> false);

        restored.apply(List.of(new SetActivity(0, 2, 2_000, Activity.ACTION_DONE,
                new Where("perth", "org-b", "team-9"), 0, 1_900, "set-1 a1")));

        long doneByThePresenters = restored.read(reading -> {
            long[] done = new long[1];
            reading.activities(new Scope("fife", "org-a", "team-1", null, Long.MIN_VALUE, Long.MAX_VALUE,
                    Long.MAX_VALUE), row -> done[0] += row.activity() == Activity.ACTION_DONE ? 1 : 0);
            return done[0];
        });
        assertThat(doneByThePresenters).isEqualTo(1);
    }

    @Test
    void aCheckpointKeepsWhichSessionHadAProblemPresentedSoThatItCountsAsHeldOnceClosed() {
        List<Fact> facts = List.of(new Fact.Presentation(0, 1, 1_000, "set-1 1"));
        assertThat(FactCodec.decode(FactCodec.encode(facts))).isEqualTo(facts);
        checkpoints.save(1, 1, facts, new long[] {1}, new long[] {1}, false, false);
        History restored = new History();
        checkpoints.restore(1, restored, unavailable -> false);
        Where facilitators = new Where("fife", "org-a", "team-3");

        restored.apply(List.of(new SetActivity(0, 2, 2_000, Activity.SESSION_HELD, facilitators, 0, 1_900,
                        "set-1 1"),
                new SetActivity(0, 3, 3_000, Activity.SESSION_HELD, facilitators, 0, 2_900, "set-1 2")));

        long held = restored.read(reading -> {
            long[] sessions = new long[1];
            reading.activities(Scope.everything(10_000),
                    row -> sessions[0] += row.activity() == Activity.SESSION_HELD ? 1 : 0);
            return sessions[0];
        });
        assertThat(held).as("session 2 closed with nothing presented").isEqualTo(1);
    }

    /**
     * Found in review: an instance that read its checkpoint and one that read every event had different versions, so a
     * screen reconnecting to the other was sent its whole dashboard again (the checkpoint keeps no passed-over event).
     */
    @Test
    void aHistoryReadFromItsCheckpointHasTheVersionOfOneThatReadEveryEvent() {
        History everyEvent = new History();
        everyEvent.apply(List.of(ALICES, new Fact.Passed(0, 2, 2_000)));
        checkpoints.save(1, 1, List.of(ALICES), new long[] {2}, new long[] {2}, false, false);
        History restored = new History();

        checkpoints.restore(1, restored, unavailable -> false);

        assertThat(restored.version()).isEqualTo(everyEvent.version());
    }

    @Test
    void aCheckpointKeepsWhenAPrivateExperimentWasSharedSoThatItCountsFromThenOn() {
        Where alices = new Where("fife", "org-a", "team-1");
        List<Fact> facts = List.of(new Fact.Proposal(0, 1, 1_000, "e1", Visibility.PRIVATE, alices, List.of(), 900,
                        "alice"),
                new Fact.Sharing(0, 2, 2_000, "e1", Visibility.TEAM));
        assertThat(FactCodec.decode(FactCodec.encode(facts))).isEqualTo(facts);
        checkpoints.save(1, 1, facts, new long[] {2}, new long[] {2}, false, false);
        History restored = new History();
        checkpoints.restore(1, restored, unavailable -> false);

        assertThat(sharedExperiments(restored, 1_500)).as("private until shared").isZero();
        assertThat(sharedExperiments(restored, 2_000)).isEqualTo(1);
    }

    /**
     * A checkpoint saved before experiments kept their proposer would count a withdrawn person's experiments under
     * their themes for good: read as none, the history builds itself again.
     */
    @Test
    void aCheckpointOfTheFormatBeforeProposersWereKeptIsReadAsNone() {
        checkpoints.save(1, 1, List.of(ALICES), new long[] {1}, new long[] {1}, false, false);
        database.getCollection("history_checkpoints").updateOne(new Document("_id", "test/1"),
                new Document("$set", new Document("format", 6)));
        History restored = new History();

        assertThat(checkpoints.restore(1, restored, unavailable -> false).segments()).isZero();
        assertThat(restored.applied()).isZero();
    }

    private static long sharedExperiments(History history, long asOf) {
        return history.read(reading -> {
            long[] shared = new long[1];
            reading.experiments(Scope.everything(asOf), experiment -> shared[0]++);
            return shared[0];
        });
    }

    @Test
    void aCheckpointOfANewerFormatIsReadAsNoneSoARolledBackReleaseBuildsItsOwn() {
        // Found by review: only older formats were read as none, and a rollback decoded facts it does not know.
        checkpoints.save(1, 1, List.of(ALICES), new long[] {1}, new long[] {1}, false, false);
        database.getCollection("history_checkpoints").updateOne(new Document("_id", "test/1"),
                new Document("$set", new Document("format", HistoryCheckpoints.FORMAT + 1)));
        History restored = new History();

        assertThat(checkpoints.restore(1, restored, unavailable -> false).segments()).isZero();
        assertThat(restored.applied()).isZero();
    }

    /** Found in review: a checkpoint saved before authors were kept restored every entry as by nobody, for good. */
    @Test
    void aCheckpointOfAnOlderFormatIsReadAsNoneSoTheHistoryBuildsItselfAgain() {
        checkpoints.save(1, 1, List.of(ALICES), new long[] {1}, new long[] {1}, false, false);
        database.getCollection("history_checkpoints").updateOne(new Document("_id", "test/1"),
                new Document("$unset", new Document("format", "")));
        History restored = new History();

        HistoryCheckpoints.Restored read = checkpoints.restore(1, restored, unavailable -> false);

        assertThat(read.segments()).isZero();
        assertThat(restored.applied()).isZero();
    }
}
