package org.hls.command.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hls.infra.embedded.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClaimKeepingTokenStoreTest {

    private static final String PROCESSOR = "publisher";

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final String database = "tokens-" + UUID.randomUUID();
    private MongoClient client;
    private ClaimKeepingTokenStore store;

    @BeforeEach
    void setUp() {
        CommandListener writesOf = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("update")) {
                    writes.add(event.getCommandName());
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedStack.shared().store().connectionString()))
                .addCommandListener(writesOf).build());
        store = new ClaimKeepingTokenStore(builder("this-instance")) {
            @Override
            protected long nanoTime() {
                return now.get();
            }
        };
        store.initializeTokenSegments(PROCESSOR, 1);
        store.fetchToken(PROCESSOR, 0);
        writes.clear();
    }

    @AfterEach
    void tearDown() {
        client.getDatabase(database).drop();
        client.close();
    }

    @Test
    void aClaimWrittenAMomentAgoIsNotExtendedAgain() {
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes).as("just claimed by fetching its token").isEmpty();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        store.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0);
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes).as("the token stored, then the claim a moment after").hasSize(1);

        now.addAndGet(ClaimKeepingTokenStore.EXTEND_AFTER.toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes).as("the claim extended once it is that old").hasSize(2);
        assertThat(store.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aClaimReleasedAndTakenByAnotherInstanceIsRefusedAtOnce() {
        store.releaseClaim(PROCESSOR, 0);
        new ClaimKeepingTokenStore(builder("another-instance")).fetchToken(PROCESSOR, 0);

        assertThatThrownBy(() -> store.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> store.storeToken(new GlobalSequenceTrackingToken(8), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aClaimTakenOverMomentsAfterItWasWrittenIsFoundTakenAtTheTokensStoreAndThenAtOnce() {
        // Only a shorter claim timeout or a clock some seconds ahead on another instance does this: as if so.
        client.getDatabase(database).getCollection(EventStoreConfiguration.TRACKING_TOKENS)
                .updateOne(and(eq("processorName", PROCESSOR), eq("segment", 0)), set("timestamp", 0L));
        new ClaimKeepingTokenStore(builder("another-instance")).fetchToken(PROCESSOR, 0);

        store.extendClaim(PROCESSOR, 0); // not asked: written a moment ago, as far as this instance knows
        store.storeToken(new GlobalSequenceTrackingToken(9), PROCESSOR, 0); // kept for now, likewise
        now.addAndGet(ClaimKeepingTokenStore.STORE_AFTER.toNanos());
        assertThatThrownBy(() -> store.storeToken(new GlobalSequenceTrackingToken(10), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> store.extendClaim(PROCESSOR, 0)).as("known taken from then on")
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aTokenStoredWithinASecondOfTheLastWriteIsKeptAndTheNewestWrittenByTheFirstStoreAfterIt() {
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        store.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        assertThat(writes).as("the claim written by fetching the token a moment ago").isEmpty();

        now.addAndGet(ClaimKeepingTokenStore.STORE_AFTER.toNanos());
        store.storeToken(new GlobalSequenceTrackingToken(3), PROCESSOR, 0);
        assertThat(writes).hasSize(1);
        assertThat(store.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(3));
    }

    @Test
    void aProcessorWithNothingMoreToHandleWritesItsLastTokenAtItsNextClaimExtension() {
        store.storeToken(new GlobalSequenceTrackingToken(4), PROCESSOR, 0);
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes).isEmpty();

        now.addAndGet(ClaimKeepingTokenStore.STORE_AFTER.toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(writes).hasSize(1);
        store.releaseClaim(PROCESSOR, 0);
        assertThat(tokenAnotherInstanceFetches()).isEqualTo(new GlobalSequenceTrackingToken(4));
    }

    @Test
    void aTokenNotWrittenYetIsWrittenBeforeTheClaimIsReleased() {
        store.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0);
        store.releaseClaim(PROCESSOR, 0);

        assertThat(tokenAnotherInstanceFetches()).isEqualTo(new GlobalSequenceTrackingToken(5));
    }

    @Test
    void aResetsTokenIsWrittenAtOnceAndSoIsOneThatGoesBack() {
        store.storeToken(new GlobalSequenceTrackingToken(6), PROCESSOR, 0);
        store.storeToken(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(6)), PROCESSOR, 0);
        assertThat(writes).as("a reset's replay").hasSize(1);
        store.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        assertThat(writes).as("back from a replay").hasSize(2);
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        assertThat(writes).as("back from a sequence").hasSize(3);
        assertThat(store.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(1));
    }

    @Test
    void aTokenStillKeptWhenTheSegmentIsFetchedAgainIsDroppedForTheStoredOne() {
        store.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0);
        assertThat(store.fetchToken(PROCESSOR, 0)).isNull();

        now.addAndGet(ClaimKeepingTokenStore.STORE_AFTER.toNanos());
        store.extendClaim(PROCESSOR, 0);
        store.releaseClaim(PROCESSOR, 0);
        assertThat(tokenAnotherInstanceFetches()).isNull();
    }

    private TrackingToken tokenAnotherInstanceFetches() {
        return new ClaimKeepingTokenStore(builder("another-instance")).fetchToken(PROCESSOR, 0);
    }

    private MongoTokenStore.Builder builder(String owner) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database)
                        .trackingTokensCollectionName(EventStoreConfiguration.TRACKING_TOKENS).build())
                .serializer(serializer).nodeId(owner);
    }
}
