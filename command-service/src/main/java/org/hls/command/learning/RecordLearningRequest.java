package org.hls.command.learning;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;

public record RecordLearningRequest(@NotNull LearningKind kind,
                                    @NotBlank @Size(max = 500) @CleanText String summary,
                                    @Size(max = 8000) @CleanText(multiline = true) String detail,
                                    @NotNull @Size(max = 10) List<@NotBlank @Size(max = 60) @CleanText String> themes,
                                    @NotNull Perspective perspective,
                                    @NotNull Visibility visibility,
                                    @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "is not an experiment id")
                                    String experimentId) {
}
