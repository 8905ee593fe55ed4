package org.hls.events.experiment;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.SchemaVersion;
import org.hls.events.Visibility;

/**
 * An experiment was shared more widely on purpose ("if something has worked, amplify and share it"): its visibility
 * only ever widens.
 *
 * @param visibility  who may read it from now on
 * @param widenedFrom who could read it before: an experiment shared from {@code PRIVATE} was shared by its proposer
 */
@SchemaVersion(1)
public record ExperimentAmplified(String experimentId,
                                  Visibility visibility,
                                  Visibility widenedFrom,
                                  Actor actor,
                                  Instant occurredAt) implements DomainEvent {
}
