package org.hls.command.actionlearning;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.SpokenFor;

/** The presenter's problem, brought by them or written down for them by the facilitator: their words. */
public record PresentProblem(@TargetAggregateIdentifier String setId,
                             int sessionNumber,
                             String presenter,
                             @PersonalData String problem,
                             Caller caller,
                             Instant occurredAt) implements SpokenFor {

    @Override
    public String speaker() {
        return presenter;
    }
}
