package org.hls.command.experiment;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.Visibility;

public record ProposeExperimentRequest(@NotBlank @Size(max = 200) @CleanText String title,
                                       @NotBlank @Size(max = 4000) @CleanText String hypothesis,
                                       @NotNull @Size(max = 10) List<@NotBlank @Size(max = 60) @CleanText String> themes,
                                       @NotBlank @Size(max = 4000) @CleanText String plannedEnding,
                                       @NotNull Visibility visibility) {
}
