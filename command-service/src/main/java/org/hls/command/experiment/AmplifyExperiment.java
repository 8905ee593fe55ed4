package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.Visibility;

/** Share an experiment more widely: those who may change it, at any step of its life. */
public record AmplifyExperiment(@TargetAggregateIdentifier String experimentId,
                                Visibility visibility,
                                Caller caller,
                                Instant occurredAt) {
}
