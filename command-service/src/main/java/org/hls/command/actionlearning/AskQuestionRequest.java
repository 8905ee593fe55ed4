package org.hls.command.actionlearning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

/**
 * @param text an open question, ending with a question mark; never advice
 */
public record AskQuestionRequest(@NotBlank @Size(max = 1000) @CleanText String text) {
}
