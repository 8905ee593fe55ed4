package org.hls.query.projection;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.MalformedEnvelopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event as projections see it: the envelope (without its payload's JSON when that was read straight into its
 * type), its typed payload and the Kafka partition it came from. Within one
 * partition, first deliveries arrive in increasing global position; a repeat never has a higher one.
 */
public record ProjectedEvent(EventEnvelope envelope, DomainEvent payload, int partition) {

    private static final Logger log = LoggerFactory.getLogger(ProjectedEvent.class);

    public long position() {
        return envelope.globalPosition();
    }

    public long sequence() {
        return envelope.sequenceNumber();
    }

    /**
     * The events in {@code records}; a message that can never be read is logged and passed over.
     *
     * @throws org.hls.events.NewerEventException at an event a newer release reads: it is not passed over, and what
     *                                            reads this poll applies none of it, to read it again later
     */
    public static List<ProjectedEvent> readAll(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ProjectedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(EventJson.readWithPayload(record.value(),
                        (envelope, payload) -> new ProjectedEvent(envelope, payload, record.partition())));
            } catch (MalformedEnvelopeException unreadable) {
                log.error("Passing over unreadable message at {}-{}@{}: {}", record.topic(),
                        record.partition(), record.offset(), unreadable.getMessage());
            }
        }
        return events;
    }
}
