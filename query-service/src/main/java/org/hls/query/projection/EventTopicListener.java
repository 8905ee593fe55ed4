package org.hls.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds every projection in the store from the event topic, in one consumer group, until the projection is rebuilt
 * (then the group of its generation feeds it; the dashboards read the history, which follows the topic on its own).
 * A new group reads the whole history. Offsets are committed only after all
 * projections have applied a poll's events; a failure retries the poll, so nothing is skipped, and the projections'
 * own progress makes a retry harmless. Only a message that can never be read is logged and passed over.
 */
@Component
class EventTopicListener {

    private final List<Projection> projections;
    private final ProjectionGenerations generations;
    private final Counter projected;
    private final Map<Projection, Timer> applying = new HashMap<>();
    private final Timer delay;
    private final Clock clock;

    EventTopicListener(List<Projection> projections, ProjectionGenerations generations, MeterRegistry meters,
                       Clock clock) {
        this.projections = projections;
        this.generations = generations;
        this.clock = clock;
        this.delay = Timer.builder("hls.projection.delay")
                .description("From an event's publication on the topic to its being applied to every projection")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(1)).register(meters);
        this.projected = Counter.builder("hls.events.projected")
                .description("Events applied to every projection").register(meters);
        projections.forEach(projection -> applying.put(projection, Timer.builder("hls.projection.apply")
                .description("Time a projection takes to apply a poll's events")
                .tag("projection", projection.name()).register(meters)));
    }

    /** A whole poll at a time: each projection then writes once per partition, not once per event. */
    @KafkaListener(id = "${spring.kafka.consumer.group-id}", topics = "${hls.kafka.topic}",
            concurrency = "${hls.kafka.consumers}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<ProjectedEvent> events = ProjectedEvent.readAll(records);
        for (Projection projection : projections) {
            // A rebuilt projection is fed by the consumer group of its generation; one live in another release's
            // shape (a rolling upgrade) is not written here.
            if (generations.live(projection.name()) == 0 && !generations.waiting(projection.name())) {
                applying.get(projection).record(() -> projection.apply(events));
            }
        }
        projected.increment(events.size());
        long now = clock.millis();
        records.forEach(record -> delay.record(Duration.ofMillis(Math.max(0, now - record.timestamp()))));
    }
}
