package org.hls.events.person;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A person withdrew consent: from now on their personal content reads [withdrawn] everywhere.
 */
@SchemaVersion(1)
public record ConsentWithdrawn(String personId,
                               @PersonalData String reason,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent {
}
