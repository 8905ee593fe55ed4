package org.hls.query.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.cohort.CohortEnded;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.cohort.CohortMemberLeft;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;
import org.hls.query.support.Events;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.Test;

class CohortProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor FIONA = actor("fiona", "org-a", "team-3");
    private static final Actor ALICE = actor("alice", "org-a", "team-1");

    @Test
    void eachCohortHasItsMembersOnceAndTheLearningRecordedInItEvenWhenDeliveredAgain() {
        CohortProjection projection = new CohortProjection(ViewCollections.of(database),
                new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database)));
        List<ProjectedEvent> history = List.of(
                event("stewards", 0, new CohortFormed("stewards", "System stewards", List.of("commissioning"), FIONA,
                        AT)),
                event("network", 0, new CohortFormed("network", "Autumn network", List.of(), FIONA, AT)),
                event("stewards", 1, new CohortMemberEnrolled("stewards", ALICE, AT)),
                event("in", 0, learning("in", "stewards")),
                event("outside", 0, learning("outside", null)));

        projection.apply(history);
        projection.apply(history);

        assertThat(projection.cohorts("alice")).extracting(CohortSummary::name, CohortSummary::members,
                CohortSummary::enrolled).containsExactly(tuple("Autumn network", 0, false),
                tuple("System stewards", 1, true));
        assertThat(projection.newestLearningIn("stewards")).containsExactly("in");
        assertThat(projection.cohorts("alice")).extracting(CohortSummary::formedByName).containsOnly("Fiona");
        assertThat(projection.newestLearningIn("network")).isEmpty();
        assertThat(projection.cohort("stewards", "bob").orElseThrow().isOpenToItsReader()).isFalse();
        assertThat(projection.cohort("stewards", "fiona").orElseThrow().isOpenToItsReader()).isTrue();
    }

    @Test
    void whoLeftReadsTheCohortNoMoreAndAnEndedOneSaysSoToItsMembers() {
        CohortProjection projection = new CohortProjection(ViewCollections.of(database),
                new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database)));
        Actor bob = actor("bob", "org-a", "team-1");
        projection.apply(List.of(
                event("stewards", 0, new CohortFormed("stewards", "System stewards", List.of(), FIONA, AT)),
                event("stewards", 1, new CohortMemberEnrolled("stewards", ALICE, AT)),
                event("stewards", 2, new CohortMemberEnrolled("stewards", bob, AT))));
        List<ProjectedEvent> later = List.of(event("stewards", 3, new CohortMemberLeft("stewards", bob, AT)),
                event("stewards", 4, new CohortEnded("stewards", FIONA, AT)));

        projection.apply(later);
        projection.apply(later);

        CohortSummary seenByBob = projection.cohort("stewards", "bob").orElseThrow();
        assertThat(seenByBob.isOpenToItsReader()).isFalse();
        assertThat(seenByBob.members()).isEqualTo(1);
        assertThat(seenByBob.ended()).isTrue();
        assertThat(projection.cohort("stewards", "alice").orElseThrow().isOpenToItsReader()).isTrue();
    }

    @Test
    void theNameAndThemesOfACohortWhoseFacilitatorWithdrewAreNotShownNorTheirSignInId() {
        ConsentProjection consent = new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database));
        CohortProjection projection = new CohortProjection(ViewCollections.of(database), consent);
        projection.apply(List.of(event("stewards", 0, new CohortFormed("stewards", "Fiona's stewards",
                List.of("fionas-own"), FIONA, AT)), event("stewards", 1, new CohortMemberEnrolled("stewards", ALICE,
                AT))));
        assertThat(projection.cohort("stewards", "fiona").orElseThrow().facilitating()).isTrue();
        assertThat(projection.cohort("stewards", "alice").orElseThrow().facilitating()).isFalse();

        consent.apply(List.of(event("fiona", 0, new ConsentWithdrawn("fiona", null, FIONA, AT))));

        // Found in review: the list went on showing the name and themes they chose, and their sign-in id.
        CohortSummary seenByAlice = projection.cohorts("alice").get(0);
        assertThat(List.of(seenByAlice.name(), seenByAlice.formedByName())).containsOnly("[withdrawn]");
        assertThat(seenByAlice.themes()).isEmpty();
        assertThat(seenByAlice.isOpenToItsReader()).isTrue();
    }

    /** Found in review: after a backlog its learning arrived out of order, and "newest first" was not. */
    @Test
    void aCohortsLearningIsListedNewestFirstWhateverOrderItArrivedIn() {
        CohortProjection projection = new CohortProjection(ViewCollections.of(database),
                new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database)));
        LearningRecorded older = learning("older", "stewards");
        LearningRecorded newer = learning("newer", "stewards");
        projection.apply(List.of(new ProjectedEvent(Events.envelope("newer", 0, 1_000, newer), newer, 1),
                new ProjectedEvent(Events.envelope("older", 0, 900, older), older, 0)));

        assertThat(projection.newestLearningIn("stewards")).containsExactly("newer", "older");
    }

    private static LearningRecorded learning(String learningId, String cohortId) {
        return new LearningRecorded(learningId, LearningKind.REFLECTION, "Said " + learningId, null, List.of(),
                Perspective.PRACTITIONER, Visibility.SYSTEM, null, null, cohortId, ALICE, AT);
    }
}
