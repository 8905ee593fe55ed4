package org.hls.command.actionlearning;

/**
 * Whether a text is an open question as a session will judge it, so that a person can see it before they ask.
 *
 * @param problem why it is not one (advice, or not a question), in the caller's language, or {@code null} when it is
 */
public record QuestionCheck(boolean open, String problem) {
}
