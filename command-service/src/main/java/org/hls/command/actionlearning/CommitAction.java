package org.hls.command.actionlearning;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record CommitAction(@TargetAggregateIdentifier String setId,
                           int sessionNumber,
                           String actionId,
                           @PersonalData String text,
                           LocalDate dueBy,
                           Caller caller,
                           Instant occurredAt) {
}
