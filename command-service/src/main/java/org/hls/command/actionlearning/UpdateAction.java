package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.actionlearning.ActionStatus;

public record UpdateAction(@TargetAggregateIdentifier String setId,
                           int sessionNumber,
                           String actionId,
                           ActionStatus status,
                           @PersonalData String note,
                           Caller caller,
                           Instant occurredAt) {
}
