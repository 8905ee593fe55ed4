package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;

/**
 * The facilitator of an ended action learning set left it: they read it no more. (While a set meets, its facilitator
 * hands over instead.)
 */
@SchemaVersion(1)
public record FacilitatorLeft(String setId,
                              String facilitator,
                              Actor actor,
                              Instant occurredAt) implements DomainEvent {
}
