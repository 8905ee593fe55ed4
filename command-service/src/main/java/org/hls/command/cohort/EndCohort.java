package org.hls.command.cohort;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

/** The facilitator who formed a cohort ends it, its course done. */
public record EndCohort(@TargetAggregateIdentifier String cohortId,
                        Caller caller,
                        Instant occurredAt) {
}
