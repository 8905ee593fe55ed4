package org.hls.command.publishing;

import java.nio.charset.StandardCharsets;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.hls.command.eventstore.EventStoreConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Events stored but not yet acknowledged by Kafka, for an operator's alert: the event store's head position less the
 * publisher's token. Both are read from the store when metrics are scraped, so every instance reports the same figure,
 * whichever of them holds the publisher (or none, when it is stuck: then the figure grows).
 */
@Component
class PublisherLag {

    private final EventStorageEngine storage;
    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    PublisherLag(EventStorageEngine storage, MongoClient client, @Value("${hls.mongodb.database}") String database,
                 Serializer serializer, MeterRegistry meters) {
        this.storage = storage;
        this.tokens = client.getDatabase(database).getCollection(EventStoreConfiguration.TRACKING_TOKENS);
        this.serializer = serializer;
        Gauge.builder("hls.publisher.lag", this, PublisherLag::events).baseUnit("events")
                .description("Events stored but not yet acknowledged by Kafka").register(meters);
    }

    /** The lag in events; not a number while the store does not answer. */
    double events() {
        try {
            return Math.max(0, position(storage.createHeadToken()) - position(publisherToken()));
        } catch (MongoException storeDown) {
            return Double.NaN;
        }
    }

    private TrackingToken publisherToken() {
        Document entry = tokens.find(new Document("processorName", KafkaEventPublisher.PROCESSING_GROUP)
                .append("segment", 0)).first();
        Object token = entry == null ? null : entry.get("token");
        if (token == null) {
            return null;
        }
        byte[] data = token instanceof Binary binary ? binary.getData()
                : token.toString().getBytes(StandardCharsets.UTF_8);
        return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, entry.getString("tokenType"),
                null));
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
