package org.hls.command.experiment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.Outcome;

/**
 * @param ending     how the planned ending went for the people involved; optional
 * @param endingNote what happened to them; needed when the ending {@code CHANGED}, optional otherwise
 */
public record ConcludeExperimentRequest(@NotNull Outcome outcome,
                                        @NotBlank @Size(max = 4000) @CleanText(multiline = true) String summary,
                                        Ending ending,
                                        @Size(max = 4000) @CleanText(multiline = true) String endingNote) {
}
