package org.hls.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of events and envelopes: the format events are stored in and published in.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();

    private EventJson() {
    }

    /**
     * A new mapper with the event format's settings: ISO-8601 instants, and unknown fields ignored so that a reader
     * tolerates fields added by a later version.
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // Added after the time module, so that instants are read by it first.
                .addModule(new SimpleModule("instants").addDeserializer(Instant.class, new InstantText()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public static byte[] write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The envelope's JSON with {@code payloadJson}, an event's JSON as the event store keeps it, written in as it is:
     * the same bytes as {@link #write(EventEnvelope)} of the envelope holding that payload, without making it a tree
     * first. The envelope's own payload is ignored.
     */
    public static byte[] write(EventEnvelope envelope, String payloadJson) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + payloadJson.length());
        try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("eventId", envelope.eventId());
            json.writeStringField("type", envelope.type());
            json.writeNumberField("schemaVersion", envelope.schemaVersion());
            json.writeStringField("aggregateId", envelope.aggregateId());
            json.writeNumberField("sequenceNumber", envelope.sequenceNumber());
            json.writeNumberField("globalPosition", envelope.globalPosition());
            // As the mapper writes instants (ISO-8601, DateTimeFormatter.ISO_INSTANT), without looking up how.
            json.writeStringField("occurredAt", envelope.occurredAt().toString());
            if (envelope.recordedAt() == null) {
                json.writeNullField("recordedAt");
            } else {
                json.writeStringField("recordedAt", envelope.recordedAt().toString());
            }
            json.writeFieldName("payload");
            json.writeRawValue(payloadJson);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The {@code occurredAt} an event's JSON names at its top level, or {@code null}. Every event writes it last, so
     * it is looked for from the end, and the match is checked to be at the top level by counting brackets outside
     * strings: a fraction of the cost of tokenising the event (a quarter of a replay's time when it was).
     */
    public static Instant occurredAtIn(String payloadJson) {
        int at = payloadJson.lastIndexOf(OCCURRED_AT);
        if (at > 0 && isTopLevel(payloadJson, at)) {
            int from = at + OCCURRED_AT.length();
            int to = payloadJson.indexOf('"', from);
            Instant instant = to < 0 ? null : InstantText.parse(payloadJson.substring(from, to));
            if (instant != null) {
                return instant;
            }
        }
        return occurredAtParsed(payloadJson);
    }

    private static final String OCCURRED_AT = "\"occurredAt\":\"";

    /** Whether {@code index} of a JSON object's text lies directly inside it, not in a string or a nested value. */
    private static boolean isTopLevel(String json, int index) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < index; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth == 1 && !inString;
    }

    private static Instant occurredAtParsed(String payloadJson) {
        try (JsonParser parser = MAPPER.createParser(payloadJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("occurredAt")) {
                    return instant(parser.getText());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EventEnvelope read(byte[] json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("Not an event envelope: " + e.getMessage(), e);
        }
    }

    /**
     * An envelope and its payload as its event type, read in one pass: a payload of its type's current version is
     * read straight into the type, never into a tree first (reading the tree was a third of a rebuild's time). The
     * envelope handed on carries no payload tree then; any other payload is read as {@link #payloadOf} reads it.
     * Refuses what {@link #read} and {@link #payloadOf} refuse.
     */
    public static <T> T readWithPayload(byte[] json, BiFunction<EventEnvelope, DomainEvent, T> into) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEnvelopeException("Not an event envelope: not a JSON object", null);
            }
            String eventId = null;
            String type = null;
            int schemaVersion = 0;
            String aggregateId = null;
            long sequenceNumber = 0;
            long globalPosition = 0;
            Instant occurredAt = null;
            Instant recordedAt = null;
            JsonNode tree = null;
            DomainEvent payload = null;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "eventId" -> eventId = MAPPER.readValue(parser, String.class);
                    case "type" -> type = MAPPER.readValue(parser, String.class);
                    case "schemaVersion" -> schemaVersion = MAPPER.readValue(parser, int.class);
                    case "aggregateId" -> aggregateId = MAPPER.readValue(parser, String.class);
                    case "sequenceNumber" -> sequenceNumber = MAPPER.readValue(parser, long.class);
                    case "globalPosition" -> globalPosition = MAPPER.readValue(parser, long.class);
                    case "occurredAt" -> occurredAt = MAPPER.readValue(parser, Instant.class);
                    case "recordedAt" -> recordedAt = MAPPER.readValue(parser, Instant.class);
                    case "payload" -> {
                        Class<? extends DomainEvent> known = type == null ? null : EventTypes.byName(type);
                        if (known != null && value == JsonToken.START_OBJECT
                                && schemaVersion == EventTypes.schemaVersionOf(known)) {
                            payload = MAPPER.readValue(parser, known);
                        } else {
                            tree = MAPPER.readTree(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedEnvelopeException("Not an event envelope: more after the object", null);
            }
            EventEnvelope envelope = new EventEnvelope(eventId, type, schemaVersion, aggregateId, sequenceNumber,
                    globalPosition, occurredAt, recordedAt, tree);
            return into.apply(envelope, payload != null ? payload : payloadOf(envelope));
        } catch (IOException e) {
            throw new MalformedEnvelopeException("Not an event envelope: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope's payload as its event type.
     *
     * @throws NewerEventException        for a type or a version this build does not know yet
     * @throws MalformedEnvelopeException for anything no build could read
     */
    public static DomainEvent payloadOf(EventEnvelope envelope) {
        if (envelope.type() == null) {
            throw new MalformedEnvelopeException("No event type", null);
        }
        Class<? extends DomainEvent> type = EventTypes.byName(envelope.type());
        if (type == null) {
            throw new NewerEventException("Unknown event type " + envelope.type() + ": a newer release reads it");
        }
        int known = EventTypes.schemaVersionOf(type);
        if (envelope.schemaVersion() < 1) {
            throw new MalformedEnvelopeException("Unsupported schema version " + envelope.schemaVersion() + " of "
                    + envelope.type(), null);
        }
        if (envelope.schemaVersion() > known) {
            throw new NewerEventException("Schema version " + envelope.schemaVersion() + " of " + envelope.type()
                    + ": this build reads version " + known + ", a newer release reads it");
        }
        try {
            if (envelope.schemaVersion() < known && envelope.payload() instanceof ObjectNode older) {
                return MAPPER.treeToValue(SchemaUpgrades.upgrade(type, envelope.schemaVersion(), older.deepCopy()),
                        type);
            }
            return MAPPER.treeToValue(envelope.payload(), type);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("Payload is not a " + envelope.type(), e);
        }
    }

    /** The instant {@code text} spells in the event format (ISO-8601, as {@link Instant#toString()} writes it). */
    public static Instant instant(String text) {
        Instant instant = InstantText.parse(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /** The JSON tree of an event, for an envelope. */
    public static JsonNode toTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
