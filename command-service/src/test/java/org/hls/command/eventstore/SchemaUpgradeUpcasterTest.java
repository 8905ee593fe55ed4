package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.hls.events.Actor;
import org.hls.events.EventJson;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentProposed;
import org.junit.jupiter.api.Test;

/**
 * An event stored in an older shape is read in the current one; the stored data itself is never rewritten.
 */
class SchemaUpgradeUpcasterTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(EventJson.newMapper()).revisionResolver(new SchemaVersionRevisionResolver()).build();
    private static final String PROPOSED_V1 = """
            {"experimentId":"exp-1","title":"Open drop-in","hypothesis":"Drop-in helps","themes":["housing"],
             "plannedEnding":"Key workers stay","visibility":"TEAM",
             "actor":{"personId":"alice","name":"Alice","organisation":"org-a","team":"team-1","place":"fife"},
             "occurredAt":"2026-11-01T09:00:00Z"}""";

    @Test
    void aVersionOneProposalReadsAsTheCurrentVersionWithoutAnEndDateOrStory() {
        IntermediateEventRepresentation stored = stored(ExperimentProposed.class.getName(), "1", PROPOSED_V1);

        List<IntermediateEventRepresentation> read = new SchemaUpgradeUpcaster().upcast(Stream.of(stored)).toList();

        assertThat(read).hasSize(1);
        assertThat(read.get(0).getType().getRevision()).isEqualTo("3");
        Object payload = SERIALIZER.deserialize(read.get(0).getData());
        assertThat(payload).isEqualTo(new ExperimentProposed("exp-1", "Open drop-in", "Drop-in helps",
                List.of("housing"), "Key workers stay", null, null, Visibility.TEAM,
                new Actor("alice", "Alice", "org-a", "team-1", "fife"), Instant.parse("2026-11-01T09:00:00Z")));
    }

    @Test
    void theCurrentVersionPassesUnchanged() {
        String current = new String(SERIALIZER.serialize(new ExperimentProposed("exp-1", "t", "h", List.of(), "p",
                LocalDate.parse("2027-01-31"), null, Visibility.SYSTEM, new Actor("a", "A", "o", "t", "p"),
                Instant.parse("2026-11-01T09:00:00Z")), byte[].class).getData());
        IntermediateEventRepresentation stored = stored(ExperimentProposed.class.getName(), "3", current);

        List<IntermediateEventRepresentation> read = new SchemaUpgradeUpcaster().upcast(Stream.of(stored)).toList();

        assertThat(read.get(0)).isSameAs(stored);
    }

    private static IntermediateEventRepresentation stored(String type, String revision, String json) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Experiment", "exp-1", 0, "e-1",
                Instant.parse("2026-11-01T09:00:00Z"), type, revision, json, "{}"), SERIALIZER);
    }
}
