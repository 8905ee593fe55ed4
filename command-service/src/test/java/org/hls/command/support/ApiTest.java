package org.hls.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.command.Caller;
import org.hls.command.support.Http.Answer;
import org.hls.events.SealedText;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An HTTP test of the running command-service: the people of {@link People} with real tokens, and a look at the
 * event store to prove that a refused command recorded nothing.
 */
public abstract class ApiTest extends StackProperties {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase eventStoreDatabase;

    @Autowired
    MongoDatabase personalKeysDatabase;

    protected Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    /** A token for a person of {@link People}. */
    protected static String tokenOf(Caller person) {
        var actor = person.actor();
        return STACK.tokens().issue(actor.personId(), actor.name(),
                person.roles().stream().map(Enum::name).sorted().toList(), actor.organisation(), actor.team(),
                actor.place());
    }

    /** A platform operator's token: the {@code ADMIN} role and the scopes to read and import the whole event store. */
    protected static String operatorToken() {
        return STACK.tokens().operator("platform-operator", "Platform operator");
    }

    protected MongoDatabase eventStoreDatabase() {
        return eventStoreDatabase;
    }

    /** The words {@code sealed} holds, opened with {@code personId}'s key as stored; empty once it is destroyed. */
    protected Optional<String> opened(String personId, String sealed) {
        Document stored = personalKeysDatabase.getCollection("personal_keys").find(new Document("_id", personId))
                .first();
        Binary key = stored == null ? null : stored.get("key", Binary.class);
        return key == null ? Optional.empty() : SealedText.open(key.getData(), personId, sealed);
    }

    protected long storedCommits() {
        return eventStoreDatabase.getCollection("event_commits").countDocuments();
    }

    /** The id a 201 answered with. */
    protected static String created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    /** Sends the refused request and checks it answered {@code status} as a problem and stored nothing. */
    protected Answer refused(int status, String path, String token, String body) {
        long before = storedCommits();
        Answer answer = http.post(path, token, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        // Every problem as API.md has it: type, title, status and detail (found in review: no type from Spring MVC).
        assertThat(answer.json().path("type").asText()).isEqualTo("about:blank");
        assertThat(answer.json().path("title").asText()).isNotBlank();
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(storedCommits()).isEqualTo(before);
        return answer;
    }

    /**
     * Leaves the key of {@code first} as a 503 leaves it when the commit was stored but the store could not confirm it:
     * without an answer, open to a retry at once.
     */
    protected void loseTheAnswerOf(Answer first) {
        assertThat(eventStoreDatabase.getCollection("idempotency_keys").updateOne(
                com.mongodb.client.model.Filters.eq("location", first.header("Location")),
                new Document("$unset", new Document("status", "").append("contentType", "").append("body", "")
                        .append("location", "")).append("$set", new Document("open", true))).getModifiedCount())
                .as("the first try's key").isEqualTo(1);
    }

    protected static List<String> fields(Answer problem) {
        return problem.json().get("errors").findValuesAsText("field");
    }
}
