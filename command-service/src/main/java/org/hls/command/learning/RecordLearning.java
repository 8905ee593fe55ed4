package org.hls.command.learning;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;

/**
 * Record a piece of learning.
 *
 * @param pseudonym the name the caller shares it under without their own ({@link org.hls.events.Actor#isPseudonym}),
 *                  or {@code null} to share it under their name
 */
public record RecordLearning(String learningId,
                             LearningKind kind,
                             @PersonalData String summary,
                             @PersonalData String detail,
                             List<String> themes,
                             Perspective perspective,
                             Visibility visibility,
                             String experimentId,
                             String storyId,
                             String cohortId,
                             String pseudonym,
                             Caller caller,
                             Instant occurredAt) {
}
