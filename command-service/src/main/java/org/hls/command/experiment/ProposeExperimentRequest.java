package org.hls.command.experiment;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CalendarDate;
import org.hls.command.web.CleanText;
import org.hls.command.web.Ids;
import org.hls.events.Visibility;

/**
 * @param endsBy  the day it is planned to end by; optional
 * @param storyId a story to refer to instead of retelling it; optional
 */
public record ProposeExperimentRequest(@NotBlank @Size(max = 200) @CleanText String title,
                                       @NotBlank @Size(max = 4000) @CleanText(multiline = true) String hypothesis,
                                       @NotNull @Size(max = 10) List<@NotBlank @Size(max = 60) @CleanText String> themes,
                                       @NotBlank @Size(max = 4000) @CleanText(multiline = true) String plannedEnding,
                                       @CalendarDate LocalDate endsBy,
                                       @Size(max = 64) @Pattern(regexp = Ids.SHAPE, message = "{validation.id.story}")
                                       String storyId,
                                       @NotNull Visibility visibility) {
}
