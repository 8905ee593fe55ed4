package org.hls.query.projection;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds every projection from the event topic. Offsets are committed only after all projections have applied an
 * event; a failure is retried, so nothing is skipped, and the projections' own progress makes a retry harmless.
 */
@Component
class EventTopicListener {

    private final List<Projection> projections;
    private final Counter projected;

    EventTopicListener(List<Projection> projections, MeterRegistry meters) {
        this.projections = projections;
        this.projected = Counter.builder("hls.events.projected")
                .description("Events applied to every projection").register(meters);
    }

    @KafkaListener(id = "${spring.kafka.consumer.group-id}", topics = "${hls.kafka.topic}",
            concurrency = "${hls.kafka.consumers}")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventJson.read(record.value());
        ProjectedEvent event = new ProjectedEvent(envelope, EventJson.payloadOf(envelope), record.partition());
        for (Projection projection : projections) {
            projection.apply(event);
        }
        projected.increment();
    }
}
