package org.hls.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    public static EventEnvelope read(byte[] json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("Not an event envelope: " + e.getMessage(), e);
        }
    }

    /** The envelope's payload as its event type, refusing types and versions this build does not know. */
    public static DomainEvent payloadOf(EventEnvelope envelope) {
        Class<? extends DomainEvent> type = envelope.type() == null ? null : EventTypes.byName(envelope.type());
        if (type == null) {
            throw new MalformedEnvelopeException("Unknown event type " + envelope.type(), null);
        }
        int known = EventTypes.schemaVersionOf(type);
        if (envelope.schemaVersion() > known || envelope.schemaVersion() < 1) {
            throw new MalformedEnvelopeException("Unsupported schema version " + envelope.schemaVersion() + " of "
                    + envelope.type() + " (this build reads version " + known + ")", null);
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

    /** The JSON tree of an event, for an envelope. */
    public static JsonNode toTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
