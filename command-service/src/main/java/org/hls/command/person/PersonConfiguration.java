package org.hls.command.person;

import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The directory of known people (and the destroyer of withdrawn people's keys, in the same processor) reads the whole
 * event store once, then follows it: in batches (one token update each), waiting a second for new events when idle,
 * and retrying a failed write rather than skipping the event.
 */
@Configuration(proxyBeanMethods = false)
class PersonConfiguration {

    @Autowired
    void knownPeopleProcessor(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(KnownPeople.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(500)
                                .andEventAvailabilityTimeout(1, TimeUnit.SECONDS))
                .registerListenerInvocationErrorHandler(KnownPeople.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
