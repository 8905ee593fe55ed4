package org.hls.command.actionlearning;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hls.command.CommandRefused;

/**
 * The one rule for supporters' contributions: an open question, never advice dressed up as one, in English or Welsh.
 */
final class OpenQuestions {

    /** Phrases that give advice or a solution rather than ask, as they read once lower-cased and unaccented. */
    private static final List<String> ADVICE = List.of(
            "you should", "you shouldn't", "you ought", "you could", "you need to", "you must", "you have to",
            "why don't you", "why do not you", "why not", "have you tried", "did you try", "if i were you",
            "i would", "i'd", "my advice", "i suggest", "i recommend", "try to", "just do", "what you need",
            "dylech chi", "oni ddylech", "beth am", "pam na", "pam nad", "ydych chi wedi trio", "rhowch gynnig",
            "byddwn i", "fyddwn i", "fy nghyngor", "rwy'n awgrymu");

    private OpenQuestions() {
    }

    /** Why {@code text} is not an open question, as the refusal of its field, or empty when it is one. */
    static Optional<CommandRefused> problemWith(String text) {
        String spoken = text.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (!spoken.endsWith("?")) {
            return Optional.of(CommandRefused.invalid("text", "refused.question.not-a-question"));
        }
        String plain = java.text.Normalizer.normalize(spoken, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String padded = " " + plain.replaceAll("[^a-z' ]", " ").replaceAll(" +", " ") + " ";
        return ADVICE.stream().filter(phrase -> padded.contains(" " + phrase + " ")).findFirst()
                .map(phrase -> CommandRefused.invalid("text", "refused.question.advice", phrase));
    }
}
