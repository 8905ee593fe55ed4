package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record RecordInsight(@TargetAggregateIdentifier String setId,
                            int sessionNumber,
                            @PersonalData String text,
                            Caller caller,
                            Instant occurredAt) {
}
