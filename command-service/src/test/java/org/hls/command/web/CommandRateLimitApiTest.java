package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.hls.command.support.People.CAROL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
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
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        List<Answer> refusals = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            threads.submit(() -> {
                while (flooding.get()) {
                    Answer answer = http.post("/api/learning", flooder, LEARNING);
                    if (answer.status() == 201) {
                        accepted.incrementAndGet();
                    } else if (refusals.size() < 100) {
                        refusals.add(answer);
                    }
                }
            });
        }
        List<Long> othersMillis = new ArrayList<>();
        long started = System.nanoTime();
        try {
            // Their twenty fit within their own burst: what slows them can only be the flood.
            for (int i = 0; i < 20; i++) {
                long sent = System.nanoTime();
                Answer answer = http.post("/api/learning", other, LEARNING);
                othersMillis.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            }
        } finally {
            flooding.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;

        assertThat(accepted.get()).as("the burst, then five a second").isLessThanOrEqualTo(20 + (int) (5 * seconds) + 5);
        assertThat(refusals).isNotEmpty().allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.isProblem()).isTrue();
        });
        Collections.sort(othersMillis);
        assertThat(othersMillis.get(othersMillis.size() - 1)).as("everyone else's slowest command, ms")
                .isLessThan(1000);
    }

    @Test
    void aRefusalSaysWhenToTryAgain() {
        String token = tokenOf(CAROL);
        Answer refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Answer answer = http.post("/api/learning", token, LEARNING);
            if (answer.status() == 429) {
                refused = answer;
            }
        }

        assertThat(refused).as("refused within twice the burst").isNotNull();
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.header("Retry-After")).isNotNull();
    }
}
