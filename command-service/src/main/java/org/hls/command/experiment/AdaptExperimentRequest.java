package org.hls.command.experiment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

public record AdaptExperimentRequest(@NotBlank @Size(max = 4000) @CleanText String change,
                                     @NotBlank @Size(max = 4000) @CleanText String reason) {
}
