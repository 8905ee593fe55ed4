package org.hls.command.learning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.Visibility;

/**
 * Share a learning entry more widely: its author, or a steward of the author's organisation.
 *
 * @param pseudonym the caller's pseudonym for this entry (their key's, whether or not they shared it without their
 *                  name), by which the author of an entry shared without a name is known; {@code null} without a key
 */
public record AmplifyLearning(@TargetAggregateIdentifier String learningId,
                              Visibility visibility,
                              String pseudonym,
                              Caller caller,
                              Instant occurredAt) {
}
