package org.hls.query.projection;

import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;

/**
 * An event as projections see it: the envelope, its typed payload and the Kafka partition it came from. Within one
 * partition, first deliveries arrive in increasing global position; a repeat never has a higher one.
 */
public record ProjectedEvent(EventEnvelope envelope, DomainEvent payload, int partition) {

    public long position() {
        return envelope.globalPosition();
    }

    public long sequence() {
        return envelope.sequenceNumber();
    }
}
