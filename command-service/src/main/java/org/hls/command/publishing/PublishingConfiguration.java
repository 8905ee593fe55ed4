package org.hls.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic every stored event goes to, and the rule that a failed publication is retried, never skipped.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    @Bean
    NewTopic learningEventsTopic(@Value("${hls.kafka.topic}") String topic,
                                 @Value("${hls.kafka.partitions}") int partitions,
                                 @Value("${hls.kafka.replicas}") short replicas) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(replicas).build();
    }

    /** Axon's default logs a failing handler and moves on; for publication that would lose the event. */
    @Autowired
    void retryFailedPublication(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
