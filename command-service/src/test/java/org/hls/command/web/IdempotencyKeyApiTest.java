package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;
import static org.hls.command.support.People.BOB;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.types.Binary;
import org.hls.command.Caller;
import org.hls.command.Role;
import org.hls.command.learning.AmplifyLearning;
import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.events.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A command sent again with the {@code Idempotency-Key} of its first try records nothing new and is answered as the
 * first try was; the key reused for another body is refused 422, as the IETF draft says. (A retry after a restart of
 * command-service: {@code PlatformTest}.)
 */
@IntegrationTest
class IdempotencyKeyApiTest extends ApiTest {

    /** The real gateway, made to meet another instance's change where a test says so. */
    @MockitoSpyBean
    CommandGateway commands;

    private static final String LEARNING = """
            {"kind":"REFLECTION","summary":"The signal dropped","themes":["housing"],
             "perspective":"PRACTITIONER","visibility":"TEAM"}""";

    @Test
    void aCommandSentThreeTimesWithOneKeyRecordsOneEventAndIsAnsweredAlikeEachTime() {
        String key = "\"" + UUID.randomUUID() + "\"";
        long before = storedCommits();

        List<Answer> answers = IntStream.range(0, 3).mapToObj(i -> send(ALICE, key, LEARNING)).toList();

        assertThat(answers).extracting(Answer::status).containsOnly(201);
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
        assertThat(answers).extracting(answer -> answer.header("Location")).containsOnly(answers.get(0)
                .header("Location"));
        assertThat(storedCommits() - before).isEqualTo(1);
    }

    @Test
    void theSameKeySentTogetherRecordsOnceAndTheOtherIsToldToWaitOrAnsweredAlike() {
        String key = UUID.randomUUID().toString();
        long before = storedCommits();

        List<Answer> answers = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                send(ALICE, key, LEARNING))).toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Answer::status).containsAnyOf(201).allMatch(status -> status == 201
                || status == 409);
        assertThat(storedCommits() - before).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        assertThat(send(ALICE, key, LEARNING).status()).isEqualTo(201);
        long before = storedCommits();

        Answer other = send(ALICE, key, LEARNING.replace("The signal dropped", "Something else"));

        assertThat(other.status()).as(other.body()).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void aKeyIsItsSendersOwn() {
        String key = UUID.randomUUID().toString();
        String alices = created(send(ALICE, key, LEARNING));

        String bobs = created(send(BOB, key, LEARNING));

        assertThat(bobs).isNotEqualTo(alices);
    }

    @Test
    void aRefusedCommandIsRefusedAlikeWhenSentAgain() {
        String key = UUID.randomUUID().toString();
        String invalid = LEARNING.replace("REFLECTION", "GOSSIP");
        long before = storedCommits();

        Answer first = send(ALICE, key, invalid);
        Answer again = send(ALICE, key, invalid);

        assertThat(first.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(storedCommits()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "two words"})
    void aKeyThatIsNotOneIsRefusedAndRecordsNothing(String key) {
        long before = storedCommits();

        Answer answer = send(ALICE, key.isEmpty() ? "x".repeat(256) : key, LEARNING);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("detail").asText()).contains("Idempotency-Key");
        assertThat(storedCommits()).isEqualTo(before);
    }

    /**
     * Found when reading the key's life: a first try that recorded its command but whose answer was lost (its process
     * died, or the store could not confirm the commit) left the key without an answer, and a retry ran the command
     * again under new ids: recorded twice. A retry now runs it under the same ids, finds it, and answers as the first
     * would have.
     */
    @Test
    void aRetryAfterAFirstTryWhoseAnswerWasLostRecordsNothingNew() {
        String key = UUID.randomUUID().toString();
        long before = storedCommits();
        Answer first = send(ALICE, key, LEARNING);
        assertThat(first.status()).isEqualTo(201);
        // What a crash between recording and answering leaves, once abandoned-after (a minute) has passed.
        MongoCollection<Document> keys = eventStoreDatabase().getCollection("idempotency_keys");
        assertThat(keys.updateOne(Filters.eq("location", first.header("Location")), new Document("$unset",
                new Document("status", "").append("contentType", "").append("body", "").append("location", ""))
                .append("$set", new Document("at", System.currentTimeMillis() - 120_000))).getModifiedCount())
                .isEqualTo(1);

        Answer retry = send(ALICE, key, LEARNING);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedCommits() - before).isEqualTo(1);
        assertThat(send(ALICE, key, LEARNING).header("Location")).as("answered alike from now on")
                .isEqualTo(first.header("Location"));
    }

    /**
     * An entry may wait a week on a device without a connection (its send lost halfway, then no signal for days): its
     * key was kept a day, so the device's retry six days later recorded it a second time.
     */
    @Test
    void aRetryOfLearningThatWaitedDaysOnADeviceRecordsNothingNew() {
        String key = UUID.randomUUID().toString();
        Answer first = send(ALICE, key, LEARNING);
        assertThat(first.status()).isEqualTo(201);
        MongoCollection<Document> keys = eventStoreDatabase().getCollection("idempotency_keys");
        assertThat(keys.updateOne(Filters.eq("location", first.header("Location")), new Document("$set",
                new Document("at", System.currentTimeMillis() - Duration.ofDays(6).toMillis()))).getModifiedCount())
                .as("the first try's answer, as kept six days ago").isEqualTo(1);
        long before = storedCommits();

        Answer retry = send(ALICE, key, LEARNING);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedCommits()).isEqualTo(before);
    }

    /**
     * What is kept of a command (for days) was a plain digest of its path and body, kept past a withdrawal of consent:
     * a short body's words (a score, a line of learning) were found again by hashing guesses. It is bound to the key,
     * which is not kept.
     */
    @Test
    void whatIsKeptOfACommandCannotBeMatchedWithAGuessOfItsWords() throws Exception {
        String key = UUID.randomUUID().toString();
        Answer first = send(ALICE, key, LEARNING);
        byte[] guess = unboundDigestOfLearning();

        Document kept = eventStoreDatabase().getCollection("idempotency_keys")
                .find(Filters.eq("location", first.header("Location"))).first();

        assertThat(kept).isNotNull();
        assertThat(kept.values()).noneMatch(value -> value instanceof Binary binary
                && Arrays.equals(binary.getData(), guess));
        assertThat(send(ALICE, key, LEARNING).header("Location")).as("still answered alike")
                .isEqualTo(first.header("Location"));
    }

    /** A key kept by the release before, as a digest of path and body alone, still answers its retry alike. */
    @Test
    void aKeyKeptByTheReleaseBeforeStillAnswersItsRetry() throws Exception {
        String key = UUID.randomUUID().toString();
        Answer first = send(ALICE, key, LEARNING);
        byte[] unbound = unboundDigestOfLearning();
        assertThat(eventStoreDatabase().getCollection("idempotency_keys").updateOne(
                Filters.eq("location", first.header("Location")), new Document("$unset", new Document("request", ""))
                        .append("$set", new Document("fingerprint", new Binary(unbound)))).getModifiedCount())
                .isEqualTo(1);
        long before = storedCommits();

        assertThat(send(ALICE, key, LEARNING).header("Location")).isEqualTo(first.header("Location"));
        assertThat(send(ALICE, key, LEARNING.replace("dropped", "came back")).status()).isEqualTo(422);
        assertThat(storedCommits()).isEqualTo(before);
    }

    /** Found by reading what grows: every key was kept for ever. Each is listed under the day it was tried. */
    @Test
    void aKeyIsListedUnderTheDayItWasTriedSoThatItIsDeletedOnceThatDayIsKeptLongEnough() {
        String key = UUID.randomUUID().toString();
        long day = System.currentTimeMillis() / Duration.ofDays(1).toMillis();
        Answer first = send(ALICE, key, LEARNING);

        Object id = eventStoreDatabase().getCollection("idempotency_keys")
                .find(Filters.eq("location", first.header("Location"))).first().get("_id");

        assertThat(eventStoreDatabase().getCollection(KeptKeys.LISTED_ON + day).find(Filters.eq("_id", id))
                .first()).isNotNull();
    }

    /** A first try answered 503 "could not say whether it was recorded" reopens its key to a retry of the same body. */
    @Test
    void aRetryAfterAnUnconfirmedAnswerFindsWhatTheFirstTryRecordedAndAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        long before = storedCommits();
        Answer first = send(ALICE, key, LEARNING);
        loseTheAnswerOf(first);

        Answer other = send(ALICE, key, LEARNING.replace("The signal dropped", "Something else"));
        Answer retry = send(ALICE, key, LEARNING);

        assertThat(other.status()).as("the key keeps its first body").isEqualTo(422);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedCommits() - before).isEqualTo(1);
    }

    /**
     * Found in review: a retry of learning shared without a name, whose first try was recorded but not answered, ran
     * the request's checks again; its author had withdrawn consent since (her key destroyed), and the retry was told
     * 409 for what was recorded.
     */
    @Test
    void aRetryOfLearningRecordedBeforeItsAuthorWithdrewIsAnsweredAsTheFirstTryWouldHaveBeen() {
        Caller wanda = new Caller(new Actor("wanda-" + UUID.randomUUID(), "Wanda", "org-a", "team-1", "fife"),
                Set.of(Role.PRACTITIONER));
        String key = UUID.randomUUID().toString();
        String unnamed = LEARNING.replace("\"visibility\":\"TEAM\"", "\"visibility\":\"TEAM\",\"anonymous\":true");
        Answer first = send(wanda, key, unnamed);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        loseTheAnswerOf(first);
        assertThat(http.post("/api/people/me/consent-withdrawal", tokenOf(wanda), "{}").status()).isEqualTo(200);
        long before = storedCommits();

        Answer retry = send(wanda, key, unnamed);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedCommits()).isEqualTo(before);
    }

    /**
     * Found when the page was read as a new user would: the page, served from another origin, could not read the
     * Retry-After of a "still being answered" 409 (CORS hid it), so it took the 409 for a refusal, forgot the key and
     * sent the entry again under a new one, recorded twice.
     */
    @Test
    void thePageFromItsOwnOriginMayReadWhenToTryAgain() {
        Answer answer = http.post("/api/learning", tokenOf(ALICE), Map.of("Content-Type", "application/json",
                "Origin", "http://localhost:8082", "Idempotency-Key", UUID.randomUUID().toString()), LEARNING);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8082");
        assertThat(answer.header("Access-Control-Expose-Headers")).containsIgnoringCase("Retry-After");
    }

    /**
     * Found in review: an answer to how a command was sent (its Content-Type, its Accept) was kept under its key and
     * given again to every retry for days, though the retry was sent right and nothing had been recorded.
     */
    @Test
    void aCommandRefusedForHowItWasSentRunsWhenSentAgainRightUnderTheSameKey() {
        String key = UUID.randomUUID().toString();
        long before = storedCommits();

        Answer wrongType = http.post("/api/learning", tokenOf(ALICE), Map.of("Content-Type", "text/plain",
                "Idempotency-Key", key), LEARNING);
        Answer wrongAccept = http.post("/api/learning", tokenOf(ALICE), Map.of("Content-Type", "application/json",
                "Accept", "text/html", "Idempotency-Key", key), LEARNING);
        Answer right = send(ALICE, key, LEARNING);

        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongAccept.status()).isEqualTo(406);
        assertThat(right.status()).as(right.body()).isEqualTo(201);
        assertThat(storedCommits() - before).isEqualTo(1);
    }

    /**
     * Found in review: another instance changing the same record at the same moment answered 409 "try again", and
     * that answer was kept under the key: every retry was told it again, and none ran.
     */
    @Test
    void aCommandThatMetAnotherChangingTheSameRecordRunsWhenSentAgainUnderTheSameKey() {
        String learningId = created(send(ALICE, UUID.randomUUID().toString(), LEARNING));
        doThrow(new ConcurrencyException("Another instance changed it")).doCallRealMethod().when(commands)
                .sendAndWait(any(AmplifyLearning.class));
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", key);

        Answer met = http.post("/api/learning/" + learningId + "/amplification", tokenOf(ALICE), headers,
                "{\"visibility\":\"ORGANISATION\"}");
        Answer again = http.post("/api/learning/" + learningId + "/amplification", tokenOf(ALICE), headers,
                "{\"visibility\":\"ORGANISATION\"}");

        assertThat(met.status()).isEqualTo(409);
        assertThat(met.header("Retry-After")).isEqualTo("1");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }

    private Answer send(Caller caller, String key, String body) {
        return http.post("/api/learning", tokenOf(caller), Map.of("Content-Type", "application/json",
                "Idempotency-Key", key), body);
    }

    /** A digest of the path and body of {@link #LEARNING} alone, as the release before kept one. */
    private static byte[] unboundDigestOfLearning() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(("/api/learning\n" + LEARNING)
                .getBytes(StandardCharsets.UTF_8));
    }
}
