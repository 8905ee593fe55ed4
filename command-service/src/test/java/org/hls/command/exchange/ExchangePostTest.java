package org.hls.command.exchange;

import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.support.Refused;
import org.hls.events.Visibility;
import org.hls.events.exchange.ExchangePostRetracted;
import org.hls.events.exchange.ExchangePosted;
import org.hls.events.exchange.ExchangeSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangePostTest {

    private static final String POST_ID = "post-1";
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    private FixtureConfiguration<ExchangePost> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExchangePost.class);
    }

    @Test
    void anOfferIsPostedWithItsThemes() {
        fixture.givenNoPriorActivity()
                .when(new PostToExchange(POST_ID, ExchangeSide.OFFER, "Running co-design workshops",
                        List.of("Co-design ", "co-design"), Visibility.SYSTEM, ALICE, AT))
                .expectEvents(new ExchangePosted(POST_ID, ExchangeSide.OFFER, "Running co-design workshops",
                        List.of("co-design"), Visibility.SYSTEM, ALICE.actor(), AT));
    }

    @Test
    void aThemeTypedWithSpacesTwiceIsTheThemeWithOne() {
        // Found in review: "family  support", typed on a phone, never met anyone's "family support".
        fixture.givenNoPriorActivity()
                .when(new PostToExchange(POST_ID, ExchangeSide.WISH, "Family work", List.of("Family  support",
                        "family   support", " family\u00A0support "), Visibility.SYSTEM, ALICE, AT))
                .expectEvents(new ExchangePosted(POST_ID, ExchangeSide.WISH, "Family work", List.of("family support"),
                        Visibility.SYSTEM, ALICE.actor(), AT));
    }

    private static final ExchangePosted POSTED = new ExchangePosted(POST_ID, ExchangeSide.WISH, "Co-design",
            List.of("co-design"), Visibility.SYSTEM, ALICE.actor(), AT);

    @Test
    void itsAuthorTakesAPostBack() {
        fixture.given(POSTED)
                .when(new RetractExchangePost(POST_ID, ALICE, AT))
                .expectEvents(new ExchangePostRetracted(POST_ID, ALICE.actor(), AT));
    }

    @Test
    void onlyItsAuthorTakesAPostBack() {
        fixture.given(POSTED)
                .when(new RetractExchangePost(POST_ID, BOB, AT))
                .expectException(Refused.as(Refusal.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aPostIsTakenBackOnce() {
        fixture.given(POSTED, new ExchangePostRetracted(POST_ID, ALICE.actor(), AT))
                .when(new RetractExchangePost(POST_ID, ALICE, AT))
                .expectException(Refused.as(Refusal.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aPostNeedsAThemeToBeMatchedBy() {
        fixture.givenNoPriorActivity()
                .when(new PostToExchange(POST_ID, ExchangeSide.WISH, "Anything", List.of("  "), Visibility.TEAM,
                        ALICE, AT))
                .expectException(Refused.as(Refusal.INVALID))
                .expectNoEvents();
    }
}
