package org.hls.query.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.exchange.ExchangePostRetracted;
import org.hls.events.exchange.ExchangePosted;
import org.hls.events.exchange.ExchangeSide;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.PersonalKeys;
import org.hls.query.support.ProjectionTest;
import org.hls.query.projection.ViewCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeMatchesProjectionTest extends ProjectionTest {

    private static final List<String> THEMES = List.of("co-design", "facilitation", "unknown");
    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor ALICE = actor("alice", "org-a", "team-1");
    private static final Actor BOB = actor("bob", "org-a", "team-1");
    private static final Actor OMAR = actor("omar", "org-b", "team-1");

    private ConsentProjection consent;
    private ExchangeMatchesProjection projection;

    @BeforeEach
    void setUp() {
        consent = new ConsentProjection(ViewCollections.of(database), new PersonalKeys(database));
        projection = new ExchangeMatchesProjection(ViewCollections.of(database), consent);
        projection.apply(List.of(
                event("o1", 0, new ExchangePosted("o1", ExchangeSide.OFFER, "I run co-design workshops",
                        List.of("co-design", "facilitation"), Visibility.SYSTEM, ALICE, AT)),
                event("w1", 0, new ExchangePosted("w1", ExchangeSide.WISH, "How to co-design with families",
                        List.of("co-design"), Visibility.SYSTEM, OMAR, AT)),
                event("w2", 0, new ExchangePosted("w2", ExchangeSide.WISH, "Facilitating hard meetings",
                        List.of("facilitation"), Visibility.TEAM, BOB, AT))));
    }

    @Test
    void offersAndWishesMeetOnATheme() {
        List<ExchangeMatch> matches = projection.matches(reader(OMAR), THEMES, 0, 50).matches();

        assertThat(matches).singleElement().satisfies(match -> {
            assertThat(match.theme()).isEqualTo("co-design");
            assertThat(match.offers()).extracting(ExchangeMatch.Post::postId).containsExactly("o1");
            assertThat(match.wishes()).extracting(ExchangeMatch.Post::postId).containsExactly("w1");
        });
    }

    @Test
    void eachSideComesAPageAtATimeNewestFirst() {
        // Found by an outside client: every post on a theme was sent at once, however many.
        for (int i = 2; i <= 4; i++) {
            projection.apply(List.of(event("w" + i + "x", 0, new ExchangePosted("w" + i + "x", ExchangeSide.WISH,
                    "Wish " + i, List.of("co-design"), Visibility.SYSTEM, OMAR, AT))));
        }

        ExchangeMatchesPage first = projection.matches(reader(OMAR), List.of("co-design"), 0, 2);
        ExchangeMatchesPage second = projection.matches(reader(OMAR), List.of("co-design"), 1, 2);
        ExchangeMatchesPage third = projection.matches(reader(OMAR), List.of("co-design"), 2, 2);

        assertThat(first.matches().get(0).wishes()).extracting(ExchangeMatch.Post::postId)
                .containsExactly("w4x", "w3x");
        assertThat(first.matches().get(0).offers()).extracting(ExchangeMatch.Post::postId).containsExactly("o1");
        assertThat(first.hasNext()).isTrue();
        assertThat(second.matches().get(0).wishes()).extracting(ExchangeMatch.Post::postId)
                .containsExactly("w2x", "w1");
        assertThat(second.matches().get(0).offers()).isEmpty();
        assertThat(second.hasNext()).isFalse();
        assertThat(third.matches().get(0).wishes()).isEmpty();
    }

    @Test
    void aTeamPostMatchesOnlyForTheTeam() {
        assertThat(projection.matches(reader(ALICE), THEMES, 0, 50).matches()).extracting(ExchangeMatch::theme)
                .containsExactly("co-design", "facilitation");
    }

    @Test
    void onlyTheThemesAskedForAreMatched() {
        assertThat(projection.matches(reader(ALICE), List.of("facilitation"), 0, 50).matches())
                .extracting(ExchangeMatch::theme)
                .containsExactly("facilitation");
        assertThat(projection.themes(reader(ALICE))).containsExactly("co-design", "facilitation");
        assertThat(projection.themes(reader(OMAR))).as("facilitation is also on a post to everyone")
                .containsExactly("co-design", "facilitation");
    }

    @Test
    void aPostDeliveredAgainIsListedOnce() {
        projection.apply(twice(event("w1", 0, new ExchangePosted("w1", ExchangeSide.WISH,
                "How to co-design with families", List.of("co-design"), Visibility.SYSTEM, OMAR, AT))));

        assertThat(projection.matches(reader(OMAR), THEMES, 0, 50).matches().get(0).wishes()).hasSize(1);
    }

    @Test
    void thePostsOfSomeoneWhoWithdrewConsentMatchNoMore() {
        // Found by review: they matched as "[withdrawn] ([withdrawn], org-b)", which nobody could act on.
        consent.apply(List.of(event("omar", 0, new ConsentWithdrawn("omar", null, OMAR, AT))));

        assertThat(projection.matches(reader(ALICE), THEMES, 0, 50).matches()).extracting(ExchangeMatch::theme)
                .containsExactly("facilitation");
    }

    @Test
    void aPostTakenBackMatchesNoMoreAndLeavesItsAuthorsList() {
        // Found by the walk-through as a network member: a post could never be taken back.
        projection.apply(List.of(event("w4", 0, new ExchangePosted("w4", ExchangeSide.WISH, "Growing food",
                List.of("gardening"), Visibility.SYSTEM, OMAR, AT.plusSeconds(1)))));
        assertThat(projection.postsOf("omar")).extracting(MyExchangePost::postId).containsExactly("w4", "w1");

        projection.apply(twice(event("w1", 1, new ExchangePostRetracted("w1", OMAR, AT))));
        projection.apply(List.of(event("w4", 1, new ExchangePostRetracted("w4", OMAR, AT))));

        assertThat(projection.matches(reader(ALICE), THEMES, 0, 50).matches()).extracting(ExchangeMatch::theme)
                .containsExactly("facilitation");
        assertThat(projection.themes(reader(ALICE))).contains("co-design").doesNotContain("gardening");
        assertThat(projection.postsOf("omar")).isEmpty();
        assertThat(projection.postsOf("alice")).singleElement().satisfies(post -> {
            assertThat(post.text()).isEqualTo("I run co-design workshops");
            assertThat(post.themes()).containsExactly("co-design", "facilitation");
            assertThat(post.side()).isEqualTo("OFFER");
        });
    }

    @Test
    void someoneWhoOffersWhatTheyWishIsNoMatchForThemselves() {
        // Found by review: one person's offer and wish on a theme were listed as a match.
        projection.apply(List.of(event("w9", 0, new ExchangePosted("w9", ExchangeSide.WISH, "More on facilitation",
                List.of("facilitation"), Visibility.SYSTEM, ALICE, AT))));

        assertThat(projection.matches(reader(OMAR), List.of("facilitation"), 0, 50).matches()).isEmpty();
    }
}
