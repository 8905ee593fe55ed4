package org.hls.command.person;

import static org.hls.command.support.People.ADA;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.LEE;

import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.support.Refused;
import org.hls.events.person.ConsentWithdrawn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonConsentTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    private FixtureConfiguration<PersonConsent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PersonConsent.class);
    }

    @Test
    void aPersonWithdrawsTheirOwnConsent() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsent("alice", "org-a", null, ALICE, AT))
                .expectEvents(new ConsentWithdrawn("alice", null, ALICE.actor(), AT));
    }

    @Test
    void anAdministratorOfTheirOrganisationWithdrawsConsentForSomeoneElse() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsent("cleo", "org-c", "Asked by phone", ADA, AT))
                .expectEvents(new ConsentWithdrawn("cleo", "Asked by phone", ADA.actor(), AT));
    }

    @Test
    void anAdministratorOfAnotherOrganisationDoesNot() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsent("alice", "org-a", "Asked by phone", ADA, AT))
                .expectException(Refused.as(Refusal.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anAdministratorDoesNotForSomeoneThePlatformDoesNotKnow() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsent("zed", null, "Asked by phone", ADA, AT))
                .expectException(Refused.as(Refusal.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void nobodyElseWithdrawsSomeonesConsentNotEvenALeader() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsent("alice", "org-a", "I decided", LEE, AT))
                .expectException(Refused.as(Refusal.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void withdrawnConsentStaysWithdrawnAndIsRecordedOnce() {
        fixture.given(new ConsentWithdrawn("alice", null, ALICE.actor(), AT))
                .when(new WithdrawConsent("alice", "org-a", null, ALICE, AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
