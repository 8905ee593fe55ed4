package org.hls.query.projection;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /** A failed poll is retried until it succeeds (the store may be restarting): nothing is ever skipped. */
    @Bean
    DefaultErrorHandler retryUntilApplied() {
        return new DefaultErrorHandler(new FixedBackOff(1000L, FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    /**
     * Each stored projection's collections, in the generation that is live; none of a projection live only in another
     * release's shape (a rolling upgrade), which this instance does not serve until one in its own is live.
     */
    @Bean
    ViewCollections viewCollections(MongoDatabase viewsDatabase, ProjectionGenerations generations) {
        return ViewCollections.live(viewsDatabase, projection -> {
            if (generations.waiting(projection)) {
                throw new ProjectionNotReady();
            }
            return generations.live(projection);
        });
    }

    /**
     * A stop waits at most 3 s for a consumer (the broker may be stopping too): what it had not committed is read
     * again on the next start, and applying it again changes nothing.
     */
    @Bean
    ContainerCustomizer<String, byte[], ConcurrentMessageListenerContainer<String, byte[]>> quickConsumerStop() {
        return container -> container.getContainerProperties().setShutdownTimeout(3000);
    }
}
