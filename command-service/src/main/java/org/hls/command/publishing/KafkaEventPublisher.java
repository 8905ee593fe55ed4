package org.hls.command.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to Kafka, in global position order, keyed by aggregate id.
 * <p>
 * It runs in a single-threaded tracking processor whose token lives in MongoDB. A batch's records are sent together
 * and the handler of the batch's last event waits for all their acknowledgements ({@code acks=all}, idempotent
 * producer) before returning, so the processor stores its token only after Kafka holds the whole batch. A failure
 * rolls the batch back and the processor retries it from the stored token: an event may then be published twice,
 * never lost; consumers drop repeats by global position, which only ever increases on the topic.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    /** Whether the topic has been made ready with its partitions (on the processor's one thread). */
    private boolean topicReady;
    private final Serializer eventSerializer;
    private final String topic;
    private final Counter published;
    private final List<CompletableFuture<?>> unacknowledged = new ArrayList<>();

    KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin,
                        @Qualifier("eventSerializer") Serializer eventSerializer,
                        @Value("${hls.kafka.topic}") String topic, MeterRegistry meters) {
        this.kafka = kafka;
        this.admin = admin;
        this.eventSerializer = eventSerializer;
        this.topic = topic;
        this.published = Counter.builder("hls.events.published")
                .description("Stored events acknowledged by Kafka").register(meters);
    }

    /** Takes the message, not its payload: an event is published as stored, never read into this release's classes. */
    @EventHandler
    void on(DomainEventMessage<?> event, TrackingToken token, UnitOfWork<?> unitOfWork)
            throws ExecutionException, InterruptedException {
        if (isFirstOfBatch(unitOfWork)) {
            unacknowledged.clear();
            // Never sent before the topic exists with its partitions (a broker may create one with a single one).
            if (!topicReady) {
                topicReady = admin.initialize();
                if (!topicReady) {
                    throw new IllegalStateException("The broker has not made the topic ready yet; publishing waits");
                }
            }
        }
        unacknowledged.add(kafka.send(topic, event.getAggregateIdentifier(), Envelopes.json(event,
                ((GlobalSequenceTrackingToken) token).getGlobalIndex(), eventSerializer)));
        if (isLastOfBatch(unitOfWork)) {
            try {
                CompletableFuture.allOf(unacknowledged.toArray(CompletableFuture[]::new)).get();
                published.increment(unacknowledged.size());
            } finally {
                unacknowledged.clear();
            }
        }
    }

    private static boolean isFirstOfBatch(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage();
    }

    private static boolean isLastOfBatch(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }
}
