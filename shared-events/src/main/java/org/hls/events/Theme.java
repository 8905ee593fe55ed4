package org.hls.events;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A theme as events carry it: composed (NFC), in lower case, without surrounding spaces, each run of spaces of any
 * kind within it one space. The one rule both sides keep: the command side records themes so, a reader's filter asks
 * so, and an event read carries its themes so whatever its stored text says (history imported as it was given, or
 * recorded before runs of spaces were made one), or "family  support" typed on a phone never meets "family support".
 */
public final class Theme {

    /** Spaces of any kind, as the page reads them (a no-break space typed on a Mac among them). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private Theme() {
    }

    /** {@code asTyped} as events carry it; empty when it held nothing but spaces. */
    public static String canonical(String asTyped) {
        if (isPlain(asTyped)) {
            return asTyped; // nearly every theme read: spared the pattern and the normaliser
        }
        // Lower case first, then composed: composing last leaves nothing a second pass would change ("J" and a
        // combining caron composed first stay two characters in lower case, which compose on a second pass).
        return Normalizer.normalize(SPACES.matcher(asTyped).replaceAll(" ").strip().toLowerCase(Locale.ROOT),
                Normalizer.Form.NFC);
    }

    /** {@code themes} as an event carries them: each {@linkplain #canonical canonical}, none blank, none twice. */
    public static List<String> asCarried(List<String> themes) {
        Set<String> carried = new LinkedHashSet<>();
        for (String theme : themes) {
            String value = canonical(theme);
            if (!value.isEmpty()) {
                carried.add(value);
            }
        }
        return List.copyOf(carried);
    }

    /** Lower-case ASCII letters, digits and marks, single spaces between them: canonical as it stands. */
    private static boolean isPlain(String theme) {
        if (theme.isEmpty() || theme.charAt(0) == ' ' || theme.charAt(theme.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < theme.length(); i++) {
            char c = theme.charAt(i);
            boolean plain = c > ' ' && c < 0x7F && !(c >= 'A' && c <= 'Z') || c == ' ' && theme.charAt(i - 1) != ' ';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
