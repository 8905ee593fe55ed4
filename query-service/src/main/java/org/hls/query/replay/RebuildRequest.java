package org.hls.query.replay;

import jakarta.validation.constraints.Pattern;

/**
 * Where a rebuild reads history from: {@code topic} (the default) or {@code event-store}, for when the topic no longer
 * holds the whole history.
 */
public record RebuildRequest(@Pattern(regexp = "topic|event-store", message = "{validation.rebuild-source}")
                             String source) {

    boolean fromEventStore() {
        return "event-store".equals(source);
    }
}
