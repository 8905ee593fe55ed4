package org.hls.command.actionlearning;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CalendarDate;
import org.hls.command.web.CleanText;

public record CommitActionRequest(@NotBlank @Size(max = 1000) @CleanText(multiline = true) String text,
                                  @NotNull @CalendarDate LocalDate dueBy) {
}
