package org.hls.query.history;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An instance whose live history ended on a failure (here a checkpoint that lost a segment) reports itself broken,
 * so that what runs it restarts it: found in review, it stayed live and was never ready again, and nothing restarted
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "hls.mongodb.database=" + HistoryEndedApiTest.NAME,
        "hls.history.checkpoint-id=" + HistoryEndedApiTest.NAME,
        "hls.kafka.topic=" + HistoryEndedApiTest.NAME + "-events",
        "hls.small-numbers.key=the tests' secret for small-number noise"})
class HistoryEndedApiTest {

    static final String NAME = "history-ended-test";
    private static final EmbeddedStack STACK = EmbeddedStack.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void aCheckpointThatLostASegment(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STACK.store()::connectionString);
        registry.add("spring.kafka.bootstrap-servers", STACK.kafka()::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", STACK.tokens()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", STACK.tokens()::issuer);
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
    void anInstanceWhoseLiveHistoryEndedOnAFailureIsNoLongerLive() {
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/liveness") == 503);
    }

    private int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
