package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A deployment with imports switched off, as the deployment files have it but while restoring: an import writes past
 * every rule the commands keep, and on a restored platform every record is one an import brought.
 */
@IntegrationTest
@TestPropertySource(properties = "hls.import.enabled=false")
class ImportsSwitchedOffApiTest extends ApiTest {

    @Test
    void anImportIsRefusedAndStoresNothing() {
        String learningId = UUID.randomUUID().toString();
        LearningRecorded recorded = new LearningRecorded(learningId, LearningKind.REFLECTION, "Old", null, List.of(),
                Perspective.PRACTITIONER, Visibility.TEAM, null, null, null, ALICE.actor(),
                Instant.parse("2025-03-04T10:00:00Z"));
        String line = new String(EventJson.write(new EventEnvelope(UUID.randomUUID().toString(),
                EventTypes.nameOf(LearningRecorded.class), EventTypes.schemaVersionOf(LearningRecorded.class),
                learningId, 0, 0, recorded.occurredAt(), recorded.occurredAt(),
                EventJson.newMapper().valueToTree(recorded))), StandardCharsets.UTF_8) + "\n";

        Answer refused = http.postLines("/api/admin/import", operatorToken(), line);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains("IMPORTS_ENABLED");
        assertThat(http.get("/api/admin/events", operatorToken()).body()).doesNotContain(learningId);
    }
}
