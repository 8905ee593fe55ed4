package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
    void anUnknownTypeIsLeftToTheNewerReleaseThatReadsIt() {
        EventEnvelope envelope = new EventEnvelope("e-1", "SomethingElse", 1, "x", 0, 1, AT, AT,
                EventJson.toTree("{}"));

        assertThatThrownBy(() -> EventJson.payloadOf(envelope)).isInstanceOf(NewerEventException.class)
                .hasMessageContaining("Unknown event type SomethingElse");
    }

    @Test
    void aNewerSchemaVersionIsLeftToTheNewerReleaseThatReadsIt() {
        // Found by review: refused as unreadable, it was passed over for good by an instance not upgraded yet.
        EventEnvelope envelope = new EventEnvelope("e-1", "LearningRecorded", 3, "l-1", 0, 1, AT, AT,
                EventJson.newMapper().valueToTree(RECORDED));

        assertThatThrownBy(() -> EventJson.payloadOf(envelope)).isInstanceOf(NewerEventException.class)
                .hasMessageContaining("Schema version 3 of LearningRecorded");
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

    @Test
    void instantsAreReadBackExactlyWhateverTheirYearAndPrecision() throws Exception {
        ObjectMapper json = EventJson.newMapper();
        Random random = new Random(20261202);
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            // From year 1 to 9999, and now and then far outside it.
            long seconds = i % 100 == 0 ? random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L)
                    : random.nextLong(-62_135_596_800L, 253_402_300_800L);
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = json.writeValueAsString(instant);

            assertThat(json.readValue(text, Instant.class)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void anyOtherSpellingOfAnInstantIsReadAsJacksonsOwnReaderReadsItOrRefusedAsItRefusesIt() {
        ObjectMapper ours = EventJson.newMapper();
        ObjectMapper jacksons = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        for (String text : List.of("2026-11-28T10:15:30Z", "2026-11-28T10:15:30.5Z", "2026-11-28T10:15:30.123456789Z",
                "2026-11-28T10:15:30.1234567891Z", "2026-11-28T10:15:30.Z", "2026-11-28T10:15:30+01:00",
                "2026-11-28T10:15Z", "2026-11-28 10:15:30Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-11-28T24:00:00Z", "2026-11-28T10:60:00Z", "2026-11-28T10:15:60Z", "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "2026-1a-28T10:15:30Z", "２０２６-11-28T10:15:30Z", "", "soon")) {
            String json = "\"" + text + "\"";
            Object expected;
            try {
                expected = jacksons.readValue(json, Instant.class);
            } catch (Exception refused) {
                expected = refused.getClass();
            }
            Object actual;
            try {
                actual = ours.readValue(json, Instant.class);
            } catch (Exception refused) {
                actual = refused.getClass();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }

    @Test
    void anEnvelopeReadInOnePassGivesWhatReadingItsTreeGivesOrIsRefusedAlike() {
        String payload = new String(EventJson.write(new EventEnvelope("e", "t", 1, "a", 0, 0, AT, AT,
                EventJson.newMapper().valueToTree(RECORDED))), StandardCharsets.UTF_8);
        payload = payload.substring(payload.indexOf("\"payload\":") + 10, payload.length() - 1);
        String version1 = payload.replace(",\"storyId\":null", "").replace(",\"cohortId\":null", "");
        String head = "\"eventId\":\"e-1\",\"schemaVersion\":%d,\"aggregateId\":\"l-1\",\"sequenceNumber\":3,"
                + "\"globalPosition\":7,\"occurredAt\":\"2026-11-28T10:15:30Z\",\"recordedAt\":\"2026-11-28T10:15:31.5Z\"";
        for (String json : List.of(
                "{" + head.formatted(2) + ",\"type\":\"LearningRecorded\",\"payload\":" + payload + "}",
                "{\"type\":\"LearningRecorded\"," + head.formatted(1) + ",\"payload\":" + version1 + "}",
                "{\"payload\":" + payload + ",\"type\":\"LearningRecorded\"," + head.formatted(2) + "}",
                "{\"type\":\"LearningRecorded\",\"extra\":{\"a\":[1,2]}," + head.formatted(2) + ",\"payload\":"
                        + payload + "}",
                "{\"type\":\"LearningRecorded\"," + head.formatted(3) + ",\"payload\":" + payload + "}",
                "{\"type\":\"SomethingElse\"," + head.formatted(1) + ",\"payload\":{}}",
                "{\"type\":\"LearningRecorded\"," + head.formatted(2) + ",\"payload\":\"text\"}",
                "{\"type\":\"LearningRecorded\"," + head.formatted(2) + ",\"payload\":{\"kind\":\"NO_SUCH_KIND\"}}",
                "{\"not\":\"an envelope\"}", "[1,2]", "not json", "{\"type\":\"LearningRecorded\"} trailing")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Object expected;
            try {
                EventEnvelope envelope = EventJson.read(bytes);
                expected = List.of(EventJson.payloadOf(envelope), withoutPayload(envelope));
            } catch (MalformedEnvelopeException | NewerEventException refused) {
                expected = refused.getClass();
            }
            Object actual;
            try {
                actual = EventJson.readWithPayload(bytes, (envelope, event) -> List.of(event,
                        withoutPayload(envelope)));
            } catch (MalformedEnvelopeException | NewerEventException refused) {
                actual = refused.getClass();
            }
            assertThat(actual).as(json).isEqualTo(expected);
        }
    }

    private static EventEnvelope withoutPayload(EventEnvelope envelope) {
        return new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(), envelope.aggregateId(),
                envelope.sequenceNumber(), envelope.globalPosition(), envelope.occurredAt(), envelope.recordedAt(),
                null);
    }

    @Test
    void anEnvelopeWrittenWithItsPayloadsStoredJsonIsTheSameBytesAsOneWrittenWithItsTree() throws Exception {
        String stored = EventJson.newMapper().writeValueAsString(RECORDED);
        for (Instant recordedAt : Arrays.asList(AT.plusNanos(1_500), null)) {
            EventEnvelope envelope = new EventEnvelope("e-1", "LearningRecorded", 2, "l-1", 3, 7, AT, recordedAt,
                    EventJson.toTree(stored));
            EventEnvelope header = new EventEnvelope("e-1", "LearningRecorded", 2, "l-1", 3, 7, AT, recordedAt, null);

            assertThat(new String(EventJson.write(header, stored), StandardCharsets.UTF_8))
                    .isEqualTo(new String(EventJson.write(envelope), StandardCharsets.UTF_8));
        }
        assertThat(EventJson.occurredAtIn(stored)).isEqualTo(AT);
        assertThat(EventJson.occurredAtIn("{\"actor\":{\"occurredAt\":\"2020-01-01T00:00:00Z\"}}"))
                .as("only at the top level").isNull();
        assertThat(EventJson.occurredAtIn("{\"occurredAt\":\"2026-11-28T10:15:30Z\",\"actor\":{\"occurredAt\":"
                + "\"2020-01-01T00:00:00Z\"},\"said\":\"\\\"occurredAt\\\":\\\"2021-01-01T00:00:00Z\"}"))
                .as("not in a nested value nor in a text").isEqualTo(AT);
        assertThat(EventJson.occurredAtIn("{\"occurredAt\":\"+12026-11-28T10:15:30Z\"}"))
                .as("a spelling only the full parser reads").isEqualTo(Instant.parse("+12026-11-28T10:15:30Z"));
        assertThat(EventJson.occurredAtIn("{\"said\":\"}\",\"occurredAt\":\"2026-11-28T10:15:30Z\"}"))
                .as("a bracket in a text").isEqualTo(AT);
    }
}
