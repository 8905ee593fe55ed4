package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record AddSetMember(@TargetAggregateIdentifier String setId,
                           String memberId,
                           Caller caller,
                           Instant occurredAt) {
}
