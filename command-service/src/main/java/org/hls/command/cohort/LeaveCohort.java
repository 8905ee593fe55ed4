package org.hls.command.cohort;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

/** The caller leaves a cohort they are enrolled in: its feed is no longer open to them. */
public record LeaveCohort(@TargetAggregateIdentifier String cohortId,
                          Caller caller,
                          Instant occurredAt) {
}
