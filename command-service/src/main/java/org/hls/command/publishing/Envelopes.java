package org.hls.command.publishing;

import java.time.Instant;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;

/**
 * A stored event as it travels: the same envelope on the topic and in a replay of the event store.
 */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * The envelope's JSON of {@code event}, stored at {@code globalPosition}. An event read from the store is never
     * turned into its object and back: its stored (upcast) JSON is written in as it is.
     */
    public static byte[] json(DomainEventMessage<?> event, long globalPosition, Serializer serializer) {
        Class<?> type = event.getPayloadType();
        SerializedObject<String> serialized = event.serializePayload(serializer, String.class);
        String payload = serialized.getData();
        // Every event records when it happened (DomainEvent.occurredAt); when it was stored stands in otherwise.
        Instant occurredAt = EventJson.occurredAtIn(payload);
        // The version its JSON has: as stored (newer than this release knows, in a rolling upgrade) or as upcast.
        String revision = serialized.getType().getRevision();
        int version = revision == null ? EventTypes.schemaVersionOf(type)
                : Math.max(Integer.parseInt(revision), EventTypes.schemaVersionOf(type));
        return EventJson.write(new EventEnvelope(event.getIdentifier(), EventTypes.nameOf(type),
                version, event.getAggregateIdentifier(), event.getSequenceNumber(),
                globalPosition, occurredAt != null ? occurredAt : event.getTimestamp(), event.getTimestamp(), null),
                payload);
    }
}
