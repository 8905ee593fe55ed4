package org.hls.command.publishing;

import java.time.Instant;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.hls.events.DomainEvent;
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
     * turned into its object and back: its stored (upcast) JSON is written in as it is. So is one of a type a newer
     * release added (stored by it during a rolling upgrade), under the type and version it was stored with: this
     * release relays what it cannot read, and the readers that know it read it.
     */
    public static byte[] json(DomainEventMessage<?> event, long globalPosition, Serializer serializer) {
        SerializedObject<String> serialized = event.serializePayload(serializer, String.class);
        String payload = serialized.getData();
        // Every event records when it happened (DomainEvent.occurredAt); when it was stored stands in otherwise.
        Instant occurredAt = EventJson.occurredAtIn(payload);
        String type = EventTypes.nameOfStored(serialized.getType().getName());
        Class<? extends DomainEvent> known = EventTypes.byName(type);
        // The version its JSON has: as stored (newer than this release knows, in a rolling upgrade) or as upcast.
        String revision = serialized.getType().getRevision();
        int version = Math.max(revision == null ? 1 : Integer.parseInt(revision),
                known == null ? 1 : EventTypes.schemaVersionOf(known));
        return EventJson.write(new EventEnvelope(event.getIdentifier(), type, version, event.getAggregateIdentifier(),
                event.getSequenceNumber(), globalPosition, occurredAt != null ? occurredAt : event.getTimestamp(),
                event.getTimestamp(), null), payload);
    }
}
