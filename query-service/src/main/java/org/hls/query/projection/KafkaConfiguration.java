package org.hls.query.projection;

import org.hls.events.MalformedEnvelopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A failed event is retried until it succeeds (the store may be restarting); only a message that can never be read
 * is logged and passed over.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean
    DefaultErrorHandler retryUntilApplied() {
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> log.error("Passing over unreadable message at {}-{}@{}: {}",
                        record.topic(), record.partition(), record.offset(), exception.getMessage()),
                new FixedBackOff(1000L, FixedBackOff.UNLIMITED_ATTEMPTS));
        handler.addNotRetryableExceptions(MalformedEnvelopeException.class);
        return handler;
    }
}
