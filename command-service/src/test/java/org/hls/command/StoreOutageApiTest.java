package org.hls.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ALICE;

import java.time.Duration;
import java.util.Map;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.command.support.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

@IntegrationTest
class StoreOutageApiTest extends ApiTest {

    private static final String LEARNING = """
            {"kind":"DISAPPOINTMENT","summary":"Nobody came","themes":[],"perspective":"PRACTITIONER",
             "visibility":"TEAM"}""";

    @Value("${hls.kafka.topic}")
    String topic;

    @Test
    void withTheStoreDownACommandWithAnIdempotencyKeyIsUnavailableToo() {
        // Found by the fault campaign: the key's first read failed with the store away, and the answer was a 500.
        long before = storedCommits();
        STACK.store().stop();
        Answer answer;
        try {
            answer = http.post("/api/learning", tokenOf(ALICE), Map.of("Idempotency-Key", "\"outage-1\""),
                    LEARNING);
        } finally {
            STACK.store().start();
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(storedCommits()).isEqualTo(before);
        awaitRecordingAndPublishingAgain(tokenOf(ALICE));
    }

    @Test
    void withTheEventStoreDownACommandIsUnavailableAndRecordsNothingThenWorksOnceItIsBack() {
        String alice = tokenOf(ALICE);
        long before = storedCommits();
        STACK.store().stop();
        Answer answer;
        try {
            answer = http.post("/api/learning", alice, LEARNING);
        } finally {
            STACK.store().start();
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("detail").asText()).contains("nothing was recorded");
        assertThat(storedCommits()).isEqualTo(before);
        awaitRecordingAndPublishingAgain(alice);
    }

    private void awaitRecordingAndPublishingAgain(String token) {
        String recorded = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.post("/api/learning", token, LEARNING), again -> again.status() == 201)
                .json().get("id").asText();
        // The publisher backs off while the store is down: it must be publishing again before the next test.
        await().atMost(Duration.ofSeconds(90)).until(() -> TopicReader.readAll(STACK.kafka().bootstrapServers(), topic)
                .stream().anyMatch(published -> published.envelope().aggregateId().equals(recorded)));
    }
}
