package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ADA;
import static org.hls.command.support.People.ALICE;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hls.command.security.SecurityConfiguration;
import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.SealedText;
import org.hls.events.learning.LearningRecorded;
import org.junit.jupiter.api.Test;

/**
 * The event store read back by a platform operator's tool: every stored event in order, as the topic carries it.
 */
@IntegrationTest
class EventHistoryApiTest extends ApiTest {

    private static final String LEARNING = """
            {"kind":"BREAKTHROUGH","summary":"Kept in the store","themes":["housing"],"perspective":"PRACTITIONER",
             "visibility":"SYSTEM"}""";

    @Test
    void anOperatorsToolReadsEveryStoredEventInOrderAsTheTopicCarriesIt() {
        String learningId = created(http.post("/api/learning", tokenOf(ALICE), LEARNING));

        Answer answer = http.get("/api/admin/events", operatorToken());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/x-ndjson");
        List<EventEnvelope> events = answer.body().lines().map(line -> EventJson.read(line.getBytes(
                StandardCharsets.UTF_8))).toList();
        assertThat(events).extracting(EventEnvelope::globalPosition).isSorted().doesNotHaveDuplicates()
                .first().isEqualTo(1L);
        assertThat(Long.parseLong(answer.header("Event-Store-Head"))).isGreaterThanOrEqualTo(
                events.get(events.size() - 1).globalPosition());
        EventEnvelope recorded = events.stream().filter(event -> event.aggregateId().equals(learningId))
                .findFirst().orElseThrow();
        assertThat(recorded.recordedAt()).isNotNull();
        assertThat(EventJson.payloadOf(recorded)).isInstanceOfSatisfying(LearningRecorded.class, learning ->
                assertThat(learning.summary()).as("sealed, as stored").startsWith(SealedText.PREFIX));
    }

    @Test
    void aReplayFromAPositionStartsAfterIt() {
        created(http.post("/api/learning", tokenOf(ALICE), LEARNING));
        long after = http.get("/api/admin/events", operatorToken()).body().lines().count() - 1;

        List<String> lines = http.get("/api/admin/events?after=" + after, operatorToken()).body().lines().toList();

        assertThat(lines).hasSize(1);
        assertThat(EventJson.read(lines.get(0).getBytes(StandardCharsets.UTF_8)).globalPosition())
                .isEqualTo(after + 1);
    }

    @Test
    void anEventStoredByAnOlderReleaseIsReplayedInTheCurrentSchema() {
        String experimentId = created(http.post("/api/experiments", tokenOf(ALICE), """
                {"title":"Open drop-in","hypothesis":"Drop-in helps","themes":["housing"],
                 "plannedEnding":"Key workers stay","endsBy":"2099-03-31","visibility":"TEAM"}"""));
        // As a release before version 2 of ExperimentProposed stored it: no end date, no story.
        var commits = eventStoreDatabase().getCollection("event_commits");
        org.bson.Document commit = commits.find(new org.bson.Document("stream", experimentId + ":0")).first();
        org.bson.Document event = commit.getList("events", org.bson.Document.class).get(0);
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.toTree(event.getString("payload"));
        payload.remove(List.of("endsBy", "storyId"));
        event.put("payload", payload.toString());
        event.put("payloadRevision", "1");
        commits.replaceOne(new org.bson.Document("_id", commit.get("_id")), commit);

        EventEnvelope replayed = http.get("/api/admin/events", operatorToken()).body().lines()
                .map(line -> EventJson.read(line.getBytes(StandardCharsets.UTF_8)))
                .filter(envelope -> envelope.aggregateId().equals(experimentId)).findFirst().orElseThrow();

        assertThat(replayed.schemaVersion()).isEqualTo(3);
        assertThat(EventJson.payloadOf(replayed)).isInstanceOfSatisfying(
                org.hls.events.experiment.ExperimentProposed.class, proposed -> {
                    assertThat(proposed.endsBy()).isNull();
                    assertThat(opened(ALICE.personId(), proposed.title())).contains("Open drop-in");
                });
    }

    @Test
    void onlyATokenGrantedTheScopeReadsTheEventStoreNotAnOrganisationsAdministrator() {
        // The store holds every organisation's events, and who sits in which confidential set.
        Answer administrator = http.get("/api/admin/events", tokenOf(ADA));
        assertThat(administrator.status()).as(administrator.body()).isEqualTo(403);
        assertThat(administrator.isProblem()).isTrue();
        assertThat(http.get("/api/admin/events", tokenOf(ALICE)).status()).isEqualTo(403);
        // HEAD is answered by the GET: without the scope it tells nobody how many events are stored.
        Answer head = http.method("HEAD", "/api/admin/events", tokenOf(ALICE));
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.header("Event-Store-Head")).isNull();
        assertThat(http.method("HEAD", "/api/admin/events", operatorToken()).status()).isEqualTo(200);
        assertThat(http.get("/api/admin/events", null).status()).isEqualTo(401);
        Answer malformed = http.get("/api/admin/events?after=-1", operatorToken());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(http.get("/api/admin/events?after=soon", operatorToken()).status()).isEqualTo(400);
    }

    @Test
    void aServiceGrantedTheScopeToReadTheEventStoreReadsItAndMayDoNothingElse() throws Exception {
        String reader = serviceToken("event-reader-test", SecurityConfiguration.READ_EVENTS_SCOPE);
        String other = serviceToken("other-service-test", "reports.write");

        assertThat(http.get("/api/admin/events", reader).status()).isEqualTo(200);
        assertThat(http.get("/api/admin/events", other).status()).isEqualTo(403);
        Answer command = http.post("/api/learning", reader, LEARNING);
        assertThat(command.status()).as(command.body()).isEqualTo(403);
        assertThat(command.isProblem()).isTrue();
    }

    /** A token from the issuer's client credentials grant, for a service registered there with {@code scope}. */
    private static String serviceToken(String clientId, String scope) throws Exception {
        String tokenUri = STACK.tokens().serviceClient(clientId, "secret-of-" + clientId, scope);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=secret-of-" + clientId)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return EventJson.toTree(answer.body()).get("access_token").asText();
    }
}
