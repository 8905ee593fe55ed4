package org.hls.command.exchange;

import static org.hls.command.support.People.ALICE;

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
