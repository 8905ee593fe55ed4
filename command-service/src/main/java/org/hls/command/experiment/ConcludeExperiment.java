package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.Outcome;

public record ConcludeExperiment(@TargetAggregateIdentifier String experimentId,
                                 Outcome outcome,
                                 @PersonalData String summary,
                                 Ending ending,
                                 @PersonalData String endingNote,
                                 Caller caller,
                                 Instant occurredAt) {
}
