package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record EndActionLearningSet(@TargetAggregateIdentifier String setId,
                                   Caller caller,
                                   Instant occurredAt) {
}
