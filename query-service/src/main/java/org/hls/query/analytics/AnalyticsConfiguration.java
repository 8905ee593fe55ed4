package org.hls.query.analytics;

import java.time.Clock;

import org.hls.query.history.LiveHistory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

    @Bean
    PracticeChanges practiceChanges(LiveHistory history, Clock clock) {
        return new PracticeChanges(history, clock);
    }
}
