package org.hls.command.experiment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.experiment.Outcome;

public record ConcludeExperimentRequest(@NotNull Outcome outcome,
                                        @NotBlank @Size(max = 4000) @CleanText String summary) {
}
