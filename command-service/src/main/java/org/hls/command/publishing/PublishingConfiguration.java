package org.hls.command.publishing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic every stored event goes to, and the processor that publishes to it.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    /**
     * The topic, kept for ever by default: a projection deployed later reads the whole history from it. Its
     * retention is set here, not left to the broker's default of 7 days, and raised on a topic created before; so is
     * how many replicas must hold an event before the broker acknowledges it (with {@code acks=all}).
     */
    @Bean
    NewTopic learningEventsTopic(@Value("${hls.kafka.topic}") String topic,
                                 @Value("${hls.kafka.partitions}") int partitions,
                                 @Value("${hls.kafka.replicas}") short replicas,
                                 @Value("${hls.kafka.retention-ms}") long retentionMs,
                                 @Value("${hls.kafka.min-insync-replicas}") int minInsyncReplicas) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas))
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }

    /**
     * One thread, so that publication follows global position order; a batch per unit of work; new events are
     * handed over by the shared reader (see {@link #eventStore}). A failing
     * handler is retried, never skipped: Axon's default logs it and moves on, which would lose the event.
     */
    @Autowired
    void publisherProcessor(EventProcessingConfigurer processing,
                            @Value("${hls.kafka.publisher-batch-size}") int batchSize) {
        processing.registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Axon's shared reader: one thread reads the store for every processor that has caught up, at once when this
     * instance commits events and otherwise once a second (events another instance stored), so an idle platform does
     * not poll the store ten times a second per processor. It reads at most {@code cached-events} ahead of the
     * slowest of them: a processor further behind reads its own stream, so a long history waiting for Kafka never
     * fills the heap.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                  org.axonframework.config.Configuration configuration,
                                  @Value("${hls.event-store.cached-events}") int cachedEvents,
                                  @Value("${hls.event-store.fetch-delay}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .cachedEvents(cachedEvents)
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /**
     * A stop waits at most 2 s for sends the broker has not acknowledged (it may be stopping too): the publisher's
     * token has not moved past them, so the next start publishes them again.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer quickProducerClose() {
        return factory -> factory.setPhysicalCloseTimeout(2);
    }
}
