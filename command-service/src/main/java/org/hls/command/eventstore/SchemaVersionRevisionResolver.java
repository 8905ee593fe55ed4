package org.hls.command.eventstore;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.RevisionResolver;
import org.hls.events.SchemaVersion;

/**
 * Stores each event with the revision its {@link SchemaVersion} declares, so that the stored format says which shape
 * a payload has and upcasters can be chosen by it; and each aggregate snapshot with its {@link Revision}, so that a
 * snapshot of an older state shape is passed over and the aggregate rebuilt from its events.
 */
public class SchemaVersionRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        SchemaVersion version = payloadType.getAnnotation(SchemaVersion.class);
        if (version != null) {
            return Integer.toString(version.value());
        }
        Revision revision = payloadType.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }
}
