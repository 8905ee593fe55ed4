package org.hls.query;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.hls.query.actionlearning.SetKeys;
import org.hls.query.person.PersonalKeys;
import org.hls.web.ProblemAnswers;
import org.hls.web.ShiftableClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@Import(ProblemAnswers.class)
@EnableScheduling
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }

    /** The one place reads learn the time; a fault campaign may shift it. */
    @Bean
    Clock clock(@Value("${hls.faults.clock-shifts}") String shifts, @Value("${spring.application.name}") String name) {
        return ShiftableClock.of(shifts, name);
    }

    /**
     * A projection's writes are journaled on a majority before its Kafka offsets are committed, so a crash never
     * skips an event; with the store down, reads fail fast (503) instead of hanging.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer durableAndFailFast(
            @Value("${hls.mongodb.server-selection-timeout}") Duration serverSelectionTimeout,
            @Value("${hls.mongodb.write-timeout}") Duration writeTimeout) {
        // A majority that does not confirm in time (secondaries down or far behind) fails the write, never hangs it.
        return settings -> settings.writeConcern(WriteConcern.MAJORITY.withJournal(true)
                        .withWTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        serverSelectionTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The read models' database: every projection keeps its documents here. */
    @Bean
    MongoDatabase viewsDatabase(MongoClient client, @Value("${hls.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /** People's keys to their words, in the database command-service keeps them in; read only. */
    @Bean
    PersonalKeys personalKeys(MongoClient client, @Value("${hls.personal-keys.database}") String database) {
        return new PersonalKeys(client.getDatabase(database));
    }

    /** Action learning sets' keys, beside people's; read only, by the sets' read model alone. */
    @Bean
    SetKeys setKeys(MongoClient client, @Value("${hls.personal-keys.database}") String database) {
        return new SetKeys(client.getDatabase(database));
    }
}
