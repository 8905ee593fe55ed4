package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.events.Actor;

public record AdaptExperiment(@TargetAggregateIdentifier String experimentId,
                              String change,
                              String reason,
                              Actor actor,
                              Instant occurredAt) {
}
