package org.hls.query.support;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.security.Reader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A plain projection test: a fresh database in the embedded store, events as Kafka would deliver them.
 */
public abstract class ProjectionTest {

    protected MongoDatabase database;
    private MongoClient client;
    private long position;

    @BeforeEach
    void openDatabase() {
        client = MongoClients.create(EmbeddedStack.shared().store().connectionString());
        database = client.getDatabase("projection-" + UUID.randomUUID());
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    /** The event as the next one delivered on partition 0. */
    protected ProjectedEvent event(String aggregateId, long sequence, DomainEvent payload) {
        return new ProjectedEvent(Events.envelope(aggregateId, sequence, ++position, payload), payload, 0);
    }

    protected static Actor actor(String personId, String organisation, String team) {
        return new Actor(personId, Character.toUpperCase(personId.charAt(0)) + personId.substring(1), organisation,
                team, "fife");
    }

    protected static Reader reader(Actor actor, String... roles) {
        return new Reader(actor, Set.of(roles));
    }

    protected static List<ProjectedEvent> twice(ProjectedEvent event) {
        return List.of(event, event);
    }
}
