package org.hls.command.actionlearning;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hls.command.CommandRefused;

/**
 * The one rule for supporters' contributions: an open question, never advice dressed up as one, in English or Welsh.
 */
final class OpenQuestions {

    /** Phrases that give advice or a solution wherever they stand, as they read lower-cased and unaccented. */
    private static final List<String> ADVICE = List.of(
            "you should", "you shouldn't", "you ought", "you must", "why don't you", "why do not you", "why not",
            "if i were you", "i would", "i'd", "my advice", "i suggest", "i recommend", "just do", "what you need",
            "wouldn't it be better", "would it not be better", "isn't it time you", "is it not time you",
            "dylech chi", "oni ddylech", "pam na wnewch chi", "pam nad ydych chi'n", "pam na fyddech chi'n",
            "rhowch gynnig", "byddwn i", "fyddwn i", "fy nghyngor", "rwy'n awgrymu",
            // Welsh mutates after "fe" and "mi" ("fe ddylech chi": you should; "Beth ddylech chi…?" asks what), and
            // speaks to one person as "ti" too.
            "fe ddylech chi", "mi ddylech chi", "dylet ti", "fe ddylet ti", "mi ddylet ti", "oni ddylet ti",
            "pam na wnei di", "pam nad wyt ti'n", "pam na fyddet ti'n");
    /**
     * Phrases that tell the presenter what to do, unless an open question asks them of the presenter's own view
     * ("What do you need to feel ready?", "What did you try to change?").
     */
    private static final List<String> DIRECTING = List.of("you could", "you need to", "you have to", "try to",
            // "Gallech chi…" says you could; "Allech chi…?" asks could you, as "Could you…?" does.
            "gallech chi", "fe allech chi", "mi allech chi", "gallet ti", "fe allet ti", "mi allet ti",
            "rhaid i chi", "rhaid i ti", "angen i chi", "angen i ti", "byddai'n well i chi", "fyddai'n well i chi",
            "byddai'n well i ti", "fyddai'n well i ti");
    /** The words an open question opens with: it asks for the presenter's own answer. */
    private static final List<String> OPEN = List.of("what", "how", "who", "where", "when", "which", "beth", "be",
            "sut", "pwy", "ble", "lle", "pryd", "pa", "faint", "sawl", "i bwy", "gyda phwy", "efo pwy", "am beth",
            "i ble", "o ble", "erbyn pryd", "ym mha", "yn lle");
    /**
     * Openings that propose a solution ("Have you tried a call?", "Beth am drio...?"), though open within a question
     * ("What have you tried?") or before a thing rather than a deed ("Beth am y cyfarfod oedd yn anodd?"). "What about"
     * proposes a deed ("What about calling them?"), not a thing ("What about the meeting was hard?").
     */
    private static final List<String> PROPOSING = List.of("have you tried", "did you try", "have you thought about",
            "have you thought of", "have you considered", "how about", "what if you", "could you just",
            "can you just", "shouldn't you", "should you not", "couldn't you", "could you not",
            "ydych chi wedi trio", "ydych chi wedi rhoi cynnig ar", "ydych chi wedi meddwl am",
            "beth am drio", "beth am roi", "beth am ofyn", "beth am ffonio", "beth am siarad", "beth am fynd",
            "beth am wneud", "beth am i chi", "beth am i ti", "dych chi wedi trio", "wyt ti wedi trio",
            "dych chi wedi rhoi cynnig ar", "wyt ti wedi rhoi cynnig ar", "dych chi wedi meddwl am",
            "wyt ti wedi meddwl am", "wnaethoch chi drio", "wnest ti drio");

    /**
     * Words in -ing after "what about" that are never deeds ("What about being new is hard?"); one that may be
     * ("meeting her", "the meeting") is read as the deed.
     */
    private static final String NOT_DEEDS = "(?:[a-z]*thing|being|during|morning|evening|ceiling|spring|string|king)";

    private OpenQuestions() {
    }

    /** Why {@code text} is not an open question, as the refusal of its field, or empty when it is one. */
    static Optional<CommandRefused> problemWith(String text) {
        // Read as it looks: wide or styled letters as the letters they are, without accents or what shows nothing.
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("[\\p{M}\\p{Cf}]", "").strip()
                .toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (!plain.endsWith("?")) {
            return Optional.of(CommandRefused.invalid("text", "refused.question.not-a-question"));
        }
        String words = " " + plain.replaceAll("[^a-z' ]", " ").replaceAll(" +", " ").strip() + " ";
        String opening = words.replaceFirst("^ (so|and|then|felly|a|ac) ", " ");
        boolean open = OPEN.stream().anyMatch(word -> opening.startsWith(" " + word + " "));
        return ADVICE.stream().filter(phrase -> words.contains(" " + phrase + " ")).findFirst()
                .or(() -> PROPOSING.stream().filter(phrase -> opening.startsWith(" " + phrase + " ")).findFirst())
                .or(() -> opening.matches(" what about (?!" + NOT_DEEDS + " )[a-z']+ing .*") ? Optional.of("what about")
                        : Optional.empty())
                .or(() -> open ? Optional.empty()
                        : DIRECTING.stream().filter(phrase -> words.contains(" " + phrase + " ")).findFirst())
                .map(phrase -> CommandRefused.invalid("text", "refused.question.advice", phrase));
    }
}
