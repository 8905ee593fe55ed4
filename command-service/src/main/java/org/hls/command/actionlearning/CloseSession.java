package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record CloseSession(@TargetAggregateIdentifier String setId,
                           int sessionNumber,
                           Caller caller,
                           Instant occurredAt) {
}
