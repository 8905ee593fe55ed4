package org.hls.command.actionlearning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

/**
 * @param score   how well the session worked, 1 to 5
 * @param comment optional
 */
public record EvaluateSessionRequest(@NotNull @Min(1) @Max(5) Integer score,
                                     @Size(max = 2000) @CleanText(multiline = true) String comment) {
}
