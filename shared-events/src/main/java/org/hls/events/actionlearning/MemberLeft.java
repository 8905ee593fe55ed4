package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * Someone left an action learning set.
 */
@SchemaVersion(1)
public record MemberLeft(String setId,
                         String memberId,
                         Actor actor,
                         Instant occurredAt) implements DomainEvent {
}
