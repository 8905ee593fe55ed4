package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record AskQuestion(@TargetAggregateIdentifier String setId,
                          int sessionNumber,
                          String text,
                          Caller caller,
                          Instant occurredAt) {
}
