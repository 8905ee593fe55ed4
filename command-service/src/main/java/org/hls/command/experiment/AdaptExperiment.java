package org.hls.command.experiment;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record AdaptExperiment(@TargetAggregateIdentifier String experimentId,
                              @PersonalData String change,
                              @PersonalData String reason,
                              LocalDate endsBy,
                              Caller caller,
                              Instant occurredAt) {
}
