package org.hls.command.learning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;

/**
 * Say a learning entry anew, and why: its author alone may, as a new event, never by changing what was recorded.
 *
 * @param pseudonym the caller's pseudonym for this entry, by which the author of an entry shared without a name is
 *                  known; {@code null} without a key
 */
public record CorrectLearning(@TargetAggregateIdentifier String learningId,
                              @PersonalData String summary,
                              @PersonalData String detail,
                              @PersonalData String reason,
                              String pseudonym,
                              Caller caller,
                              Instant occurredAt) {
}
