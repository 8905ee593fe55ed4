package org.hls.command.learning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

public record RetractLearningRequest(@NotBlank @Size(max = 1000) @CleanText(multiline = true) String reason) {
}
