package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record StartExperiment(@TargetAggregateIdentifier String experimentId,
                              Caller caller,
                              Instant occurredAt) {
}
