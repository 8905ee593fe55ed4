package org.hls.command.actionlearning;

/**
 * Whether a text is an open question as a session will judge it, so that a person can see it before they ask.
 *
 * @param problem why it is not one (advice, or not a question), or {@code null} when it is
 */
public record QuestionCheck(boolean open, String problem) {

    static QuestionCheck of(String text) {
        return OpenQuestions.problemWith(text).map(problem -> new QuestionCheck(false, problem))
                .orElse(new QuestionCheck(true, null));
    }
}
