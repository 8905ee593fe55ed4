package org.hls.command.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A command-service test against the real embedded stack: Kafka broker, MongoDB-protocol store, token issuer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "hls.mongodb.database=command-service-test",
        "hls.kafka.topic=command-service-test-events",
        // Tests send commands as one person faster than anyone would; CommandRateLimitApiTest tests the limit.
        "hls.rate-limit.burst=1000000", "hls.rate-limit.per-second=1000000",
        // A stalled or trickled body is let go after seconds, not the ten a deployment waits; idle connections stay.
        "server.tomcat.connection-timeout=3s", "server.tomcat.keep-alive-timeout=20s", "hls.http.body-time=3s",
        // PersonalDataApiTest waits for a key read to be forgotten.
        "hls.personal-keys.remembered=2s"})
public @interface IntegrationTest {
}
