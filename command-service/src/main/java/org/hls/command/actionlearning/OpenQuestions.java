package org.hls.command.actionlearning;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for supporters' contributions: an open question, never advice dressed up as one.
 */
final class OpenQuestions {

    /** Phrases that give advice or a solution rather than ask. */
    private static final List<String> ADVICE = List.of(
            "you should", "you shouldn't", "you ought", "you could", "you need to", "you must", "you have to",
            "why don't you", "why do not you", "why not", "have you tried", "did you try", "if i were you",
            "i would", "i'd", "my advice", "i suggest", "i recommend", "try to", "just do", "what you need");

    private OpenQuestions() {
    }

    /** Why {@code text} is not an open question, or empty when it is one. */
    static Optional<String> problemWith(String text) {
        String spoken = text.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (!spoken.endsWith("?")) {
            return Optional.of("must be phrased as a question, ending with a question mark: supporters only ask");
        }
        String padded = " " + spoken.replaceAll("[^a-z' ]", " ").replaceAll(" +", " ") + " ";
        return ADVICE.stream().filter(phrase -> padded.contains(" " + phrase + " ")).findFirst()
                .map(phrase -> "must be an open question, not advice: \"" + phrase + " ...\" offers a solution; "
                        + "ask what the presenter thinks instead (for example \"What have you tried so far?\")");
    }
}
