package org.hls.command.eventstore;

import org.axonframework.serialization.RevisionResolver;
import org.hls.events.SchemaVersion;

/**
 * Stores each event with the revision its {@link SchemaVersion} declares, so that the stored format says which shape
 * a payload has and upcasters can be chosen by it.
 */
public class SchemaVersionRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        SchemaVersion version = payloadType.getAnnotation(SchemaVersion.class);
        return version == null ? null : Integer.toString(version.value());
    }
}
