package org.hls.query.dashboard;

import java.time.Clock;

import org.hls.query.history.LiveHistory;
import org.hls.query.learning.LearningFeedProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    RecentSummaries recentSummaries(LearningFeedProjection feed) {
        return new RecentSummaries(feed);
    }

    @Bean
    Dashboards dashboards(LiveHistory history, RecentSummaries summaries, Clock clock) {
        return new Dashboards(history, summaries, clock);
    }
}
