package org.hls.command.cohort;

import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.FIONA;
import static org.hls.command.support.People.LEE;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.support.Refused;
import org.hls.events.cohort.CohortEnded;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.cohort.CohortMemberLeft;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CohortTest {

    private static final String COHORT_ID = "cohort-1";
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final CohortFormed FORMED = new CohortFormed(COHORT_ID, "System stewards 2027",
            List.of("commissioning"), FIONA.actor(), AT);

    private FixtureConfiguration<Cohort> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cohort.class);
    }

    @Test
    void aFacilitatorFormsACohort() {
        fixture.givenNoPriorActivity()
                .when(new FormCohort(COHORT_ID, "System stewards 2027", List.of(" Commissioning"), FIONA, AT))
                .expectEvents(FORMED);
    }

    @Test
    void onlyAFacilitatorFormsACohort() {
        fixture.givenNoPriorActivity()
                .when(new FormCohort(COHORT_ID, "Mine", List.of(), ALICE, AT))
                .expectException(Refused.as(Refusal.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void peopleEnrolThemselves() {
        fixture.given(FORMED)
                .when(new EnrolInCohort(COHORT_ID, ALICE, AT))
                .expectEvents(new CohortMemberEnrolled(COHORT_ID, ALICE.actor(), AT));
    }

    @Test
    void nobodyEnrolsTwice() {
        fixture.given(FORMED, new CohortMemberEnrolled(COHORT_ID, ALICE.actor(), AT))
                .when(new EnrolInCohort(COHORT_ID, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void othersMayStillEnrol() {
        fixture.given(FORMED, new CohortMemberEnrolled(COHORT_ID, ALICE.actor(), AT))
                .when(new EnrolInCohort(COHORT_ID, BOB, AT))
                .expectEvents(new CohortMemberEnrolled(COHORT_ID, BOB.actor(), AT));
    }

    @Test
    void aMemberLeaves() {
        fixture.given(FORMED, ALICE_ENROLLED)
                .when(new LeaveCohort(COHORT_ID, ALICE, AT))
                .expectEvents(new CohortMemberLeft(COHORT_ID, ALICE.actor(), AT));
    }

    @Test
    void onlyAMemberLeaves() {
        fixture.given(FORMED, ALICE_ENROLLED, new CohortMemberLeft(COHORT_ID, ALICE.actor(), AT))
                .when(new LeaveCohort(COHORT_ID, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectExceptionMessage("refused.cohort.not-enrolled")
                .expectNoEvents();
    }

    @Test
    void whoLeftMayEnrolAgainWhileItRuns() {
        fixture.given(FORMED, ALICE_ENROLLED, new CohortMemberLeft(COHORT_ID, ALICE.actor(), AT))
                .when(new EnrolInCohort(COHORT_ID, ALICE, AT))
                .expectEvents(ALICE_ENROLLED);
    }

    @Test
    void theFacilitatorWhoFormedItEndsIt() {
        fixture.given(FORMED, ALICE_ENROLLED)
                .when(new EndCohort(COHORT_ID, FIONA, AT))
                .expectEvents(new CohortEnded(COHORT_ID, FIONA.actor(), AT));
    }

    @Test
    void nobodyElseEndsIt() {
        for (var other : java.util.List.of(ALICE, LEE)) {
            fixture.given(FORMED, ALICE_ENROLLED)
                    .when(new EndCohort(COHORT_ID, other, AT))
                    .expectException(Refused.as(Refusal.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Test
    void anEndedCohortIsNotEndedAgainNorEnrolledIn() {
        fixture.given(FORMED, ENDED)
                .when(new EndCohort(COHORT_ID, FIONA, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectNoEvents();
        fixture.given(FORMED, ENDED)
                .when(new EnrolInCohort(COHORT_ID, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectExceptionMessage("refused.cohort.ended")
                .expectNoEvents();
    }

    @Test
    void aMemberMayLeaveAnEndedCohort() {
        fixture.given(FORMED, ALICE_ENROLLED, ENDED)
                .when(new LeaveCohort(COHORT_ID, ALICE, AT))
                .expectEvents(new CohortMemberLeft(COHORT_ID, ALICE.actor(), AT));
    }

    private static final CohortMemberEnrolled ALICE_ENROLLED = new CohortMemberEnrolled(COHORT_ID, ALICE.actor(), AT);
    private static final CohortEnded ENDED = new CohortEnded(COHORT_ID, FIONA.actor(), AT);
}
