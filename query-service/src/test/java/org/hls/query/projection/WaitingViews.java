package org.hls.query.projection;

import java.util.function.BooleanSupplier;

import com.mongodb.client.MongoDatabase;

/** Projections' collections as an instance serves them during a rolling upgrade: not ready while {@code waiting}. */
public final class WaitingViews {

    private WaitingViews() {
    }

    /** Generation 0 of every projection, each refusing to be read or written ({@link ProjectionNotReady}) meanwhile. */
    public static ViewCollections of(MongoDatabase database, BooleanSupplier waiting) {
        return ViewCollections.live(database, projection -> {
            if (waiting.getAsBoolean()) {
                throw new ProjectionNotReady();
            }
            return 0;
        });
    }
}
