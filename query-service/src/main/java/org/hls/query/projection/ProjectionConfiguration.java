package org.hls.query.projection;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /** A failed poll is retried until it succeeds (the store may be restarting): nothing is ever skipped. */
    @Bean
    DefaultErrorHandler retryUntilApplied() {
        return new DefaultErrorHandler(new FixedBackOff(1000L, FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    /** Each stored projection's collections, in the generation that is live. */
    @Bean
    ViewCollections viewCollections(MongoDatabase viewsDatabase, ProjectionGenerations generations) {
        return ViewCollections.live(viewsDatabase, generations::live);
    }
}
