package org.hls.command.cohort;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

public record EnrolInCohort(@TargetAggregateIdentifier String cohortId,
                            Caller caller,
                            Instant occurredAt) {
}
