package org.hls.command.actionlearning;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;

public record FormActionLearningSet(String setId,
                                    String name,
                                    String facilitator,
                                    List<String> members,
                                    Caller caller,
                                    Instant occurredAt) {
}
