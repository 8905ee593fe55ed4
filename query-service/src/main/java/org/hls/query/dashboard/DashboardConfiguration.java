package org.hls.query.dashboard;

import java.time.Clock;

import org.hls.query.history.LiveHistory;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.person.PersonalKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** Told of applied events before the stream, which may push at once and reads the words from here. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RecentSummaries recentSummaries(LearningFeedProjection feed, PersonalKeys keys) {
        return new RecentSummaries(feed, keys);
    }

    @Bean
    Dashboards dashboards(LiveHistory history, RecentSummaries summaries, Clock clock) {
        return new Dashboards(history, summaries, clock);
    }
}
