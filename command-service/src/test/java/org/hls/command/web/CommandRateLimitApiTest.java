package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.CAROL;
import static org.hls.command.support.People.OMAR;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.infra.embedded.Flood;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * One person sending commands as fast as they can: beyond their burst they are refused 429 with {@code Retry-After},
 * nothing recorded, and everyone else's commands are answered as usual meanwhile.
 */
@IntegrationTest
@TestPropertySource(properties = {"hls.mongodb.database=command-service-test",
        "hls.kafka.topic=command-service-test-events", "hls.rate-limit.burst=20", "hls.rate-limit.per-second=5"})
class CommandRateLimitApiTest extends ApiTest {

    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"Said again and again","themes":["housing"],
             "perspective":"PRACTITIONER","visibility":"TEAM"}""";

    @Test
    void onePersonAsFastAsTheyCanIsHeldToTheirRateAndSlowsNobodyElse() throws Exception {
        // Found by an outside client: one practitioner's stream of entries stalled every command and read.
        String flooder = tokenOf(ALICE);
        String other = tokenOf(BOB);

        // One answer first, so that a service just started has warmed up; then their twenty fit within their own
        // burst: what slows them can only be the flood.
        assertThat(http.post("/api/learning", other, LEARNING).status()).isEqualTo(201);
        Flood<Answer> flood = Flood.whileSomebodyElseSends(() -> http.post("/api/learning", flooder, LEARNING),
                answer -> answer.status() == 201, 19, () -> http.post("/api/learning", other, LEARNING),
                answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));

        assertThat(flood.accepted()).as("the burst, then five a second")
                .isLessThanOrEqualTo(20 + (int) (5 * flood.seconds()) + 5);
        assertThat(flood.refused()).isNotEmpty().allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.isProblem()).isTrue();
        });
        assertThat(flood.othersSlowestMillis()).as("everyone else's slowest command, ms").isLessThan(1000);
    }

    /**
     * Found by review: a command with an {@code Idempotency-Key} had its key looked up and kept before its rate was
     * counted, so one person's stream of new keys wrote to the store without bound.
     */
    @Test
    void aKeyedCommandBeyondTheRateKeepsNoKey() {
        String token = tokenOf(OMAR);
        MongoCollection<Document> keys = eventStoreDatabase().getCollection("idempotency_keys");
        long before = keys.countDocuments();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            Answer answer = http.post("/api/learning", token, Map.of("Content-Type", "application/json",
                    "Idempotency-Key", "\"flood-" + UUID.randomUUID() + "\""), LEARNING);
            if (answer.status() == 429) {
                refused++;
                assertThat(answer.isProblem()).isTrue();
                assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                accepted++;
            }
        }

        assertThat(refused).as("refused within twice the burst").isPositive();
        assertThat(keys.countDocuments() - before).as("keys kept: the accepted commands' alone").isEqualTo(accepted);
    }

    @Test
    void aRefusalSaysWhenToTryAgainRecordsNothingAndTheBurstRefills() {
        String token = tokenOf(CAROL);
        Answer refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            long before = storedCommits();
            Answer answer = http.post("/api/learning", token, LEARNING);
            if (answer.status() == 429) {
                refused = answer;
                // Found by review: nothing showed that a refused command records nothing, or that the burst refills.
                assertThat(storedCommits()).as("stored by the refused command").isEqualTo(before);
            }
        }

        assertThat(refused).as("refused within twice the burst").isNotNull();
        assertThat(refused.isProblem()).isTrue();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> http.post("/api/learning", token, LEARNING).status() == 201);
    }
}
