package org.hls.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.Serializer;
import org.hls.command.eventstore.MongoEventStorageEngine;

/**
 * Event store writers for tests of racing writers: each is its own engine instance, as another JVM would be.
 */
public final class Writers {

    private Writers() {
    }

    /** A writer that runs {@code beforeFirstInsert} (to pause or to die) before its first attempt to commit. */
    public static MongoEventStorageEngine writer(MongoDatabase database, Serializer serializer,
                                                 LongConsumer beforeFirstInsert) {
        return writer(database, serializer, beforeFirstInsert, () -> { });
    }

    /**
     * A writer that runs {@code beforeFirstInsert} before its first attempt to commit, and {@code afterFirstInsert}
     * once the store has applied it, before its answer is read (to lose that answer).
     */
    public static MongoEventStorageEngine writer(MongoDatabase database, Serializer serializer,
                                                 LongConsumer beforeFirstInsert, Runnable afterFirstInsert) {
        return writer(database, serializer, beforeFirstInsert, afterFirstInsert, System::nanoTime);
    }

    /** The same, whose tracking reads are asked at the instants {@code nanoTime} gives (to tell reads asked again). */
    public static MongoEventStorageEngine writer(MongoDatabase database, Serializer serializer,
                                                 LongConsumer beforeFirstInsert, Runnable afterFirstInsert,
                                                 LongSupplier nanoTime) {
        MongoEventStorageEngine engine = new MongoEventStorageEngine.Builder() {
            @Override
            public MongoEventStorageEngine build() {
                return new MongoEventStorageEngine(this) {
                    private boolean first = true;
                    private boolean firstAnswer = true;

                    @Override
                    protected long nanoTime() {
                        return nanoTime.getAsLong();
                    }

                    @Override
                    protected void beforeInsert(long position) {
                        if (first) {
                            first = false;
                            beforeFirstInsert.accept(position);
                        }
                    }

                    @Override
                    protected void afterInsert() {
                        if (firstAnswer) {
                            firstAnswer = false;
                            afterFirstInsert.run();
                        }
                    }
                };
            }
        }.database(database).eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50).build();
        engine.ensureIndexes();
        return engine;
    }

    public static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
