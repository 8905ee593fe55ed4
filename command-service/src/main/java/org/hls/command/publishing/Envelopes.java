package org.hls.command.publishing;

import org.axonframework.eventhandling.DomainEventMessage;
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

    /** The envelope of {@code event}, stored at {@code globalPosition}, its payload in the stored JSON form. */
    public static EventEnvelope of(DomainEventMessage<?> event, long globalPosition, Serializer serializer) {
        Object payload = event.getPayload();
        return new EventEnvelope(event.getIdentifier(), EventTypes.nameOf(payload.getClass()),
                EventTypes.schemaVersionOf(payload.getClass()), event.getAggregateIdentifier(),
                event.getSequenceNumber(), globalPosition,
                payload instanceof DomainEvent domainEvent ? domainEvent.occurredAt() : event.getTimestamp(),
                event.getTimestamp(), EventJson.toTree(event.serializePayload(serializer, String.class).getData()));
    }
}
