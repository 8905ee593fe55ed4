package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record HandOverFacilitation(@TargetAggregateIdentifier String setId,
                                   String facilitator,
                                   Caller caller,
                                   Instant occurredAt) {
}
