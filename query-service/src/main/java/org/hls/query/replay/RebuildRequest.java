package org.hls.query.replay;

import jakarta.validation.constraints.Pattern;

/**
 * Where a rebuild reads history from: {@code topic} or {@code event-store}, for when the topic no longer holds the whole
 * history; when it does not say, the topic while it holds the whole history, else the event store first.
 */
public record RebuildRequest(@Pattern(regexp = "topic|event-store", message = "{validation.rebuild-source}")
                             String source) {

    boolean fromEventStore() {
        return "event-store".equals(source);
    }

    boolean fromTopicAsked() {
        return "topic".equals(source);
    }
}
