package org.hls.command.experiment;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.experiment.Ending;

public record RecordEnding(@TargetAggregateIdentifier String experimentId,
                           Ending ending,
                           @PersonalData String endingNote,
                           Caller caller,
                           Instant occurredAt) {
}
