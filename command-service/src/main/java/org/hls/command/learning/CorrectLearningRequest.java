package org.hls.command.learning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

/**
 * @param summary what the learning says from now on
 * @param detail  optional longer text, from now on (none, when left out)
 * @param reason  why it is said anew: the history of how understanding changed keeps it
 */
public record CorrectLearningRequest(@NotBlank @Size(max = 500) @CleanText String summary,
                                     @Size(max = 8000) @CleanText(multiline = true) String detail,
                                     @NotBlank @Size(max = 1000) @CleanText(multiline = true) String reason) {
}
