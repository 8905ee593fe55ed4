package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record EvaluateSession(@TargetAggregateIdentifier String setId,
                              int sessionNumber,
                              int score,
                              @PersonalData String comment,
                              Caller caller,
                              Instant occurredAt) {
}
