package org.hls.query.dashboard;

import java.time.Clock;

import com.mongodb.client.MongoDatabase;
import org.hls.query.person.ConsentProjection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    DashboardProjection wholeSystemDashboard(MongoDatabase viewsDatabase,
                                             @Value("${hls.kafka.partitions}") int partitions,
                                             ConsentProjection consent, Clock clock) {
        return DashboardProjection.wholeSystem(viewsDatabase, partitions, consent, clock);
    }

    @Bean
    DashboardProjection scopedDashboards(MongoDatabase viewsDatabase, @Value("${hls.kafka.partitions}") int partitions,
                                         ConsentProjection consent, Clock clock) {
        return DashboardProjection.scoped(viewsDatabase, partitions, consent, clock);
    }

    @Bean
    Dashboards dashboards(@Qualifier("wholeSystemDashboard") DashboardProjection wholeSystem,
                          @Qualifier("scopedDashboards") DashboardProjection scoped) {
        return new Dashboards(wholeSystem, scoped);
    }
}
