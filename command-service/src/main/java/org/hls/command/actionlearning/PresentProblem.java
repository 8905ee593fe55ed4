package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record PresentProblem(@TargetAggregateIdentifier String setId,
                             int sessionNumber,
                             String presenter,
                             String problem,
                             Caller caller,
                             Instant occurredAt) {
}
