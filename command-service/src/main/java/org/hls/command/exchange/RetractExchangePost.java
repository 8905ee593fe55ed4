package org.hls.command.exchange;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

/** Take a post back from the learning exchange: its author alone may, once. */
public record RetractExchangePost(@TargetAggregateIdentifier String postId,
                                  Caller caller,
                                  Instant occurredAt) {
}
