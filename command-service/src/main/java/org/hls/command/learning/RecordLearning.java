package org.hls.command.learning;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;

public record RecordLearning(String learningId,
                             LearningKind kind,
                             String summary,
                             String detail,
                             List<String> themes,
                             Perspective perspective,
                             Visibility visibility,
                             String experimentId,
                             String storyId,
                             String cohortId,
                             Caller caller,
                             Instant occurredAt) {
}
