package org.hls.command.experiment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.experiment.Ending;

/**
 * @param ending     how the planned ending went for the people involved, now that it has happened
 * @param endingNote what happened to them; needed when the ending {@code CHANGED}, optional otherwise
 */
public record RecordEndingRequest(@NotNull Ending ending,
                                  @Size(max = 4000) @CleanText(multiline = true) String endingNote) {
}
