package org.hls.command.learning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.Visibility;

public record AmplifyLearning(@TargetAggregateIdentifier String learningId,
                              Visibility visibility,
                              Caller caller,
                              Instant occurredAt) {
}
