package org.hls.command.learning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

/**
 * Retract a learning entry: its author alone may.
 *
 * @param pseudonym the caller's pseudonym for this entry (their key's, whether or not they shared it without their
 *                  name), by which the author of an entry shared without a name is known; {@code null} without a key
 */
public record RetractLearning(@TargetAggregateIdentifier String learningId,
                              String reason,
                              String pseudonym,
                              Caller caller,
                              Instant occurredAt) {
}
