package org.hls.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored event as it travels on Kafka, keyed by {@code aggregateId}.
 *
 * @param eventId        unique id of the event, stable across re-publication
 * @param type           the event's name in {@link EventTypes}
 * @param schemaVersion  the version of the payload's shape
 * @param aggregateId    the id of the aggregate that emitted it
 * @param sequenceNumber its position within that aggregate, from 0
 * @param globalPosition its position in the whole event store, from 1, without holes in publication order
 * @param occurredAt     when it happened
 * @param recordedAt     when the event store recorded it: what was known at an instant is what was recorded by then
 *                       ({@code null} in envelopes published before it was added: then {@code occurredAt})
 * @param payload        the event itself, as JSON
 */
public record EventEnvelope(String eventId,
                            String type,
                            int schemaVersion,
                            String aggregateId,
                            long sequenceNumber,
                            long globalPosition,
                            Instant occurredAt,
                            Instant recordedAt,
                            JsonNode payload) {

    /** When the event store recorded it; for envelopes from before that was published, when it happened. */
    public Instant knownAt() {
        return recordedAt != null ? recordedAt : occurredAt;
    }
}
