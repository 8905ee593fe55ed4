package org.hls.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hls.command.support.People.ALICE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.hls.command.support.Http;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.TopicReader;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.infra.embedded.KafkaBroker;
import org.hls.infra.embedded.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An instance started while the broker is away records commands (they need the store alone) and publishes them once
 * the broker is back, to the topic it makes with its partitions first. Found in review: it would not start at all, so
 * a restart during a broker outage took every command down. (A store database and a broker of its own: no other
 * test context's publisher may publish what it stores.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "hls.mongodb.database=broker-away-at-start-test",
        "hls.kafka.topic=broker-away-at-start-test-events",
        "spring.kafka.admin.operation-timeout=3s"})
class BrokerAwayAtStartApiTest {

    private static final EmbeddedStack STACK = EmbeddedStack.shared();
    private static final int BROKER_PORT = Ports.free();
    private static final int CONTROLLER_PORT = Ports.free();

    @LocalServerPort
    int port;
    @TempDir
    Path brokerData;

    @DynamicPropertySource
    static void brokerAway(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STACK.store()::connectionString);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + BROKER_PORT);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", STACK.tokens()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", STACK.tokens()::issuer);
        String nodeId = "test-context-" + UUID.randomUUID();
        registry.add("hls.event-store.node-id", () -> nodeId);
    }

    @Test
    void anInstanceStartedWhileTheBrokerIsAwayRecordsAndPublishesOnceItIsBack() {
        var alice = ALICE.actor();
        String token = STACK.tokens().issue(alice.personId(), alice.name(), List.of("PRACTITIONER"),
                alice.organisation(), alice.team(), alice.place());

        Answer recorded = new Http(port).post("/api/learning", token, """
                {"kind":"REFLECTION","summary":"Recorded with the broker away","themes":[],
                 "perspective":"PRACTITIONER","visibility":"TEAM"}""");

        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String learningId = recorded.json().get("id").asText();
        try (KafkaBroker broker = KafkaBroker.start(brokerData, BROKER_PORT, CONTROLLER_PORT, "256m")) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> TopicReader.readAll(
                    broker.bootstrapServers(), "broker-away-at-start-test-events").stream()
                    .anyMatch(published -> published.envelope().aggregateId().equals(learningId)));
            assertThat(TopicReader.readAll(broker.bootstrapServers(), "broker-away-at-start-test-events"))
                    .as("published once").filteredOn(published -> published.envelope().aggregateId()
                            .equals(learningId)).hasSize(1);
        }
    }
}
