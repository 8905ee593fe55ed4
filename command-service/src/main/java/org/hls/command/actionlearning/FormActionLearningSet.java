package org.hls.command.actionlearning;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record FormActionLearningSet(String setId,
                                    @PersonalData String name,
                                    String facilitator,
                                    List<String> members,
                                    Caller caller,
                                    Instant occurredAt) {
}
