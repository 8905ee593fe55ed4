package org.hls.command.experiment;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CalendarDate;
import org.hls.command.web.CleanText;

/** @param endsBy the day it now plans to end by; optional, and not before today */
public record AdaptExperimentRequest(@NotBlank @Size(max = 4000) @CleanText(multiline = true) String change,
                                     @NotBlank @Size(max = 4000) @CleanText(multiline = true) String reason,
                                     @CalendarDate LocalDate endsBy) {
}
