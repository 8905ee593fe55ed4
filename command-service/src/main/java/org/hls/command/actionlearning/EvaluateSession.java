package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record EvaluateSession(@TargetAggregateIdentifier String setId,
                              int sessionNumber,
                              int score,
                              String comment,
                              Caller caller,
                              Instant occurredAt) {
}
