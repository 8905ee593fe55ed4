package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.events.Actor;
import org.hls.events.experiment.Outcome;

public record ConcludeExperiment(@TargetAggregateIdentifier String experimentId,
                                 Outcome outcome,
                                 String summary,
                                 Actor actor,
                                 Instant occurredAt) {
}
