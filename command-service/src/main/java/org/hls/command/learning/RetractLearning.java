package org.hls.command.learning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record RetractLearning(@TargetAggregateIdentifier String learningId,
                              String reason,
                              Caller caller,
                              Instant occurredAt) {
}
