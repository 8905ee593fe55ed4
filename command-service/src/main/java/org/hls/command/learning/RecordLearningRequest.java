package org.hls.command.learning;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.command.web.Ids;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;

/**
 * @param detail       optional longer text
 * @param experimentId the experiment it belongs to; optional
 * @param storyId      a story to refer to instead of retelling it; optional
 * @param cohortId     the peer-learning cohort it is recorded in; optional
 * @param anonymous    shared without the author's name: views, exports and answers carry no author; optional
 * @param notedAt      when it was written down, where it waited on the person's device without a connection to be
 *                     sent: when it happened, not when it came; at most a week before, never after; optional
 */
public record RecordLearningRequest(@NotNull LearningKind kind,
                                    @NotBlank @Size(max = 500) @CleanText String summary,
                                    @Size(max = 8000) @CleanText(multiline = true) String detail,
                                    @NotNull @Size(max = 10) List<@NotBlank @Size(max = 60) @CleanText String> themes,
                                    @NotNull Perspective perspective,
                                    @NotNull Visibility visibility,
                                    @Size(max = 64) @Pattern(regexp = Ids.SHAPE, message = "{validation.id.experiment}")
                                    String experimentId,
                                    @Size(max = 64) @Pattern(regexp = Ids.SHAPE, message = "{validation.id.story}")
                                    String storyId,
                                    @Size(max = 64) @Pattern(regexp = Ids.SHAPE, message = "{validation.id.cohort}")
                                    String cohortId,
                                    Boolean anonymous,
                                    Instant notedAt) {
}
