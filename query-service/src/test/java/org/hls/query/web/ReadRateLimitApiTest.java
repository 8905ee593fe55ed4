package org.hls.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hls.infra.embedded.Flood;
import org.hls.query.support.Http;
import org.hls.query.support.Http.Answer;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * One person reading as fast as they can: beyond their burst they are refused 429 with {@code Retry-After}, and
 * everyone else's reads are answered as usual meanwhile. Found by an outside client: one token read 513 times a
 * second, and nothing held it.
 */
@IntegrationTest
@TestPropertySource(properties = {"hls.mongodb.database=query-service-test", "hls.kafka.topic=" + StackProperties.TOPIC,
        "hls.dashboard.push-interval=100ms", "hls.rate-limit.burst=20", "hls.rate-limit.per-second=5"})
class ReadRateLimitApiTest extends StackProperties {

    private static final String READ = "/api/exchange/themes";

    @LocalServerPort
    int port;

    @Test
    void onePersonAsFastAsTheyCanIsHeldToTheirRateAndSlowsNobodyElse() throws Exception {
        Http http = new Http(port);
        String flooder = STACK.tokens().issue("flooder", "Flo", List.of("PRACTITIONER"), "org-a", "team-1", "fife");
        String other = STACK.tokens().issue("other", "Oth", List.of("PRACTITIONER"), "org-a", "team-1", "fife");

        // One answer first, so that a service just started has warmed up; then their twenty fit within their own
        // burst: what slows them can only be the flood.
        assertThat(http.get(READ, other).status()).isEqualTo(200);
        Flood<Answer> flood = Flood.whileSomebodyElseSends(() -> http.get(READ, flooder),
                answer -> answer.status() == 200, 19, () -> http.get(READ, other),
                answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));

        assertThat(flood.accepted()).as("the burst, then five a second")
                .isLessThanOrEqualTo(20 + (int) (5 * flood.seconds()) + 5);
        assertThat(flood.refused()).isNotEmpty().allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.header("Retry-After")).isNotNull();
        });
        assertThat(flood.othersSlowestMillis()).as("everyone else's slowest read, ms").isLessThan(1000);
    }
}
