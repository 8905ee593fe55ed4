package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An instance whose checkpoint lost a segment builds its history again, as on a first start, and becomes ready. Found
 * in review: its history ended there, and the instance was never ready again; restarted, it met the same checkpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "hls.mongodb.database=" + UnreadableCheckpointApiTest.NAME,
        "hls.history.checkpoint-id=" + UnreadableCheckpointApiTest.NAME,
        "hls.kafka.topic=" + UnreadableCheckpointApiTest.NAME + "-events",
        "hls.small-numbers.key=the tests' secret for small-number noise"})
class UnreadableCheckpointApiTest {

    static final String NAME = "unreadable-checkpoint-test";
    private static final EmbeddedStack STACK = EmbeddedStack.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void aCheckpointThatLostASegment(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STACK.store()::connectionString);
        registry.add("spring.kafka.bootstrap-servers", STACK.kafka()::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", STACK.tokens()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", STACK.tokens()::issuer);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(NAME + "-events", 6, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (MongoClient client = MongoClients.create(STACK.store().connectionString())) {
            MongoCollection<Document> checkpoints = client.getDatabase(NAME).getCollection("history_checkpoints");
            checkpoints.drop();
            checkpoints.insertMany(List.of(new Document("_id", NAME).append("generation", 1L),
                    new Document("_id", NAME + "/1").append("format", HistoryCheckpoints.FORMAT)
                            .append("segments", 1).append("positions", List.of(0L)).append("offsets", List.of(0L))
                            .append("incomplete", false)));
        }
    }

    @Test
    void anInstanceWhoseCheckpointLostASegmentBuildsItsHistoryAgainAndBecomesReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health/readiness") == 200);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    }

    private int status(String path) {
        try {
            return send(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int send(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
