package org.hls.command.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;

import org.hls.command.support.ApiTest;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@IntegrationTest
class ExchangeApiTest extends ApiTest {

    @Test
    void offersAndWishesArePosted() {
        created(http.post("/api/exchange", tokenOf(ALICE),
                "{\"side\":\"OFFER\",\"text\":\"Co-design workshops\",\"themes\":[\"co-design\"],\"visibility\":\"SYSTEM\"}"));
        created(http.post("/api/exchange", tokenOf(ALICE),
                "{\"side\":\"WISH\",\"text\":\"Data for learning\",\"themes\":[\"data\"],\"visibility\":\"TEAM\"}"));
    }

    @Test
    void itsAuthorAloneTakesAPostBackOnce() {
        // Found by the walk-through as a network member: a wish learnt long ago matched for ever, and only
        // withdrawing consent, which erases everything one wrote, took it away.
        String postId = created(http.post("/api/exchange", tokenOf(ALICE),
                "{\"side\":\"WISH\",\"text\":\"Co-design\",\"themes\":[\"co-design\"],\"visibility\":\"SYSTEM\"}"));

        refused(403, "/api/exchange/" + postId + "/retraction", tokenOf(BOB), "{}");
        assertThat(http.post("/api/exchange/" + postId + "/retraction", tokenOf(ALICE), "{}").status())
                .isEqualTo(200);
        refused(409, "/api/exchange/" + postId + "/retraction", tokenOf(ALICE), "{}");
        refused(404, "/api/exchange/00000000-0000-0000-0000-000000000000/retraction", tokenOf(ALICE), "{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"side\":\"OFFER\",\"text\":\"t\",\"themes\":[],\"visibility\":\"SYSTEM\"}",
            "{\"side\":\"OFFER\",\"text\":\"t\",\"themes\":[\"  \"],\"visibility\":\"SYSTEM\"}",
            "{\"side\":\"SELL\",\"text\":\"t\",\"themes\":[\"a\"],\"visibility\":\"SYSTEM\"}",
            "{\"side\":\"OFFER\",\"themes\":[\"a\"],\"visibility\":\"SYSTEM\"}"})
    void anInvalidPostIsRefused(String body) {
        refused(400, "/api/exchange", tokenOf(ALICE), body);
    }
}
