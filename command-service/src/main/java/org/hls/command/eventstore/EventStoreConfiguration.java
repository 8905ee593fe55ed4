package org.hls.command.eventstore;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.hls.command.person.PersonalDataSealing;
import org.hls.command.person.PersonalKeys;
import org.hls.command.person.SetKeys;
import org.hls.events.EventJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store, its tracking tokens and its snapshots, all in MongoDB; the stored format is Jackson 2 JSON, stated
 * here rather than left to defaults.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Where the event processors' tracking tokens are kept, beside the events. */
    public static final String TRACKING_TOKENS = "tracking_tokens";

    /**
     * Axon's serializer for events and tokens uses the same JSON form as the Kafka envelope, with each person's words
     * sealed with their own key (and what is said in a set with the set's too).
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper(PersonalKeys keys, SetKeys setKeys) {
        return EventJson.newMapper().registerModule(new PersonalDataSealing(keys, setKeys));
    }

    @Bean
    public RevisionResolver revisionResolver() {
        return new SchemaVersionRevisionResolver();
    }

    /**
     * A command answers only once its events are journaled on a majority (and the publisher's token likewise); with
     * the store down it fails fast (503).
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

    @Bean
    public MongoDatabase eventStoreDatabase(MongoClient client, @Value("${hls.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /** People's keys live apart from the events they seal: query-service reads them, and only them. */
    @Bean
    public MongoDatabase personalKeysDatabase(MongoClient client,
                                              @Value("${hls.personal-keys.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    public MongoEventStorageEngine eventStorageEngine(MongoDatabase eventStoreDatabase,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 @Value("${hls.event-store.batch-size}") int batchSize) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(eventStoreDatabase)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer())
                .snapshotFilter(EventStoreConfiguration::ofTheAggregatesRevision)
                .upcasterChain(new SchemaUpgradeUpcaster())
                .batchSize(batchSize)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Whether a snapshot holds the state its aggregate's {@code @Revision} says it now has: one of an older shape is
     * passed over, and the aggregate is loaded from its events (which have every field it now keeps).
     */
    static boolean ofTheAggregatesRevision(DomainEventData<?> snapshot) {
        try {
            Class<?> aggregate = Class.forName(snapshot.getPayload().getType().getName());
            return Objects.equals(snapshot.getPayload().getType().getRevision(),
                    new SchemaVersionRevisionResolver().revisionOf(aggregate));
        } catch (ClassNotFoundException unknown) {
            return false;
        }
    }

    /**
     * The processors' tokens, whose claims are not extended again a moment after they were written. Their claims
     * name this instance as Axon does ({@code pid@host}) unless {@code nodeId} names it otherwise.
     */
    @Bean
    public TokenStore tokenStore(MongoClient client, @Value("${hls.mongodb.database}") String database,
                                 @Value("${hls.event-store.node-id:}") String nodeId, Serializer serializer) {
        MongoTokenStore.Builder tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database)
                        .trackingTokensCollectionName(TRACKING_TOKENS).build())
                .serializer(serializer);
        return new ClaimKeepingTokenStore(nodeId.isBlank() ? tokens : tokens.nodeId(nodeId));
    }

    /** Aggregates are snapshotted every so many events, so loading one never replays a long history. */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${hls.event-store.snapshot-every}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Each aggregate is loaded from its own kind's events only: an id of another kind (an experiment's where a learning
     * entry's is asked) is then not found (404), instead of another record's events failing in the aggregate (500).
     * Axon's {@code @Aggregate(filterEventsByType)} is read only by its configurer from before Spring Boot's lookup, so
     * it is set here on the configurer of each aggregate the lookup found.
     */
    @Bean
    static BeanPostProcessor aggregatesLoadOnlyTheirOwnEvents() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SpringAggregateConfigurer<?> aggregate) {
                    aggregate.setFilterEventsByType(true);
                }
                return bean;
            }
        };
    }

    /** Snapshots hold an aggregate's private fields, which the event format must not expose. */
    private static Serializer snapshotSerializer() {
        ObjectMapper mapper = EventJson.newMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return JacksonSerializer.builder().objectMapper(mapper).revisionResolver(new SchemaVersionRevisionResolver())
                .build();
    }
}
