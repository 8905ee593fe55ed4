package org.hls.command.actionlearning;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record CommitAction(@TargetAggregateIdentifier String setId,
                           int sessionNumber,
                           String actionId,
                           String text,
                           LocalDate dueBy,
                           Caller caller,
                           Instant occurredAt) {
}
