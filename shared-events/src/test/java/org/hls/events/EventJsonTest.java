package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");
    private static final LearningRecorded RECORDED = new LearningRecorded("l-1", LearningKind.BREAKTHROUGH,
            "Drop-in hours worked", null, List.of("homelessness"), Perspective.PRACTITIONER, Visibility.SYSTEM,
            null, null, null, ALICE, AT);

    @Test
    void envelopeRoundTripsWithItsPayload() {
        EventEnvelope envelope = new EventEnvelope("e-1", "LearningRecorded", 1, "l-1", 0, 7, AT, AT,
                EventJson.newMapper().valueToTree(RECORDED));

        EventEnvelope read = EventJson.read(EventJson.write(envelope));

        assertThat(read).isEqualTo(envelope);
        assertThat(EventJson.payloadOf(read)).isEqualTo(RECORDED);
    }

    @Test
    void instantsTravelAsIsoText() {
        EventEnvelope envelope = new EventEnvelope("e-1", "LearningRecorded", 1, "l-1", 0, 7, AT, AT,
                EventJson.newMapper().valueToTree(RECORDED));

        String json = new String(EventJson.write(envelope), StandardCharsets.UTF_8);

        assertThat(json).contains("\"occurredAt\":\"2026-11-28T10:15:30Z\"").contains("\"globalPosition\":7");
    }

    @Test
    void unknownTypeIsRefused() {
        EventEnvelope envelope = new EventEnvelope("e-1", "SomethingElse", 1, "x", 0, 1, AT, AT,
                EventJson.toTree("{}"));

        assertThatThrownBy(() -> EventJson.payloadOf(envelope)).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("Unknown event type SomethingElse");
    }

    @Test
    void newerSchemaVersionIsRefused() {
        EventEnvelope envelope = new EventEnvelope("e-1", "LearningRecorded", 3, "l-1", 0, 1, AT, AT,
                EventJson.newMapper().valueToTree(RECORDED));

        assertThatThrownBy(() -> EventJson.payloadOf(envelope)).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("Unsupported schema version 3");
    }

    @Test
    void anEnvelopeWithoutATypeIsRefused() {
        EventEnvelope untyped = EventJson.read("{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventJson.payloadOf(untyped)).isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> EventJson.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void anOlderVersionIsReadInTheCurrentShape() {
        EventEnvelope version1 = new EventEnvelope("e-1", "LearningRecorded", 1, "l-1", 0, 1, AT, null, EventJson.toTree("""
                {"learningId":"l-1","kind":"BREAKTHROUGH","summary":"Drop-in hours worked","detail":null,
                 "themes":["homelessness"],"perspective":"PRACTITIONER","visibility":"SYSTEM","experimentId":null,
                 "actor":{"personId":"alice","name":"Alice","organisation":"org-a","team":"team-1","place":"fife"},
                 "occurredAt":"2026-11-28T10:15:30Z"}"""));

        assertThat(EventJson.payloadOf(version1)).isEqualTo(RECORDED);
    }

    @Test
    void anEnvelopePublishedBeforeRecordedAtExistedIsKnownFromWhenItHappened() {
        EventEnvelope older = EventJson.read("""
                {"eventId":"e-1","type":"LearningRecorded","schemaVersion":2,"aggregateId":"l-1","sequenceNumber":0,
                 "globalPosition":1,"occurredAt":"2026-11-28T10:15:30Z","payload":{}}""".getBytes(
                StandardCharsets.UTF_8));

        assertThat(older.recordedAt()).isNull();
        assertThat(older.knownAt()).isEqualTo(AT);
    }
}
