package org.hls.command.actionlearning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

public record RecordInsightRequest(@NotBlank @Size(max = 2000) @CleanText(multiline = true) String text) {
}
