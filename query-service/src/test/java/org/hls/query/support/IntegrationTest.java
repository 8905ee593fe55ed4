package org.hls.query.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A query-service test against the real embedded stack: Kafka broker, MongoDB-protocol store, token issuer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "hls.mongodb.database=query-service-test",
        "hls.kafka.topic=" + StackProperties.TOPIC,
        "hls.dashboard.push-interval=100ms",
        // Tests read as one person faster than anyone would; ReadRateLimitApiTest tests the limit.
        "hls.rate-limit.burst=1000000", "hls.rate-limit.per-second=1000000",
        // A stream a client closed frees its place at the next keep-alive: DashboardApiTest waits for that.
        "hls.dashboard.keep-alive=1s"})
public @interface IntegrationTest {
}
