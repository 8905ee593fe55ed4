package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record PresentProblem(@TargetAggregateIdentifier String setId,
                             int sessionNumber,
                             String presenter,
                             @PersonalData String problem,
                             Caller caller,
                             Instant occurredAt) {
}
