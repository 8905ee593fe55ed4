package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record AdaptExperiment(@TargetAggregateIdentifier String experimentId,
                              String change,
                              String reason,
                              Caller caller,
                              Instant occurredAt) {
}
