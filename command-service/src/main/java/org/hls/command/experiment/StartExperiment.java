package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.events.Actor;

public record StartExperiment(@TargetAggregateIdentifier String experimentId,
                              Actor actor,
                              Instant occurredAt) {
}
