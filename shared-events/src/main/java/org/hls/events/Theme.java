package org.hls.events;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A theme as events carry it: composed (NFC), in lower case, without surrounding spaces, each run of spaces of any
 * kind within it one space. The one rule both sides keep: the command side records themes so, and a reader's filter
 * asks so, or "family  support" typed on a phone never meets "family support".
 */
public final class Theme {

    /** Spaces of any kind, as the page reads them (a no-break space typed on a Mac among them). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private Theme() {
    }

    /** {@code asTyped} as events carry it; empty when it held nothing but spaces. */
    public static String canonical(String asTyped) {
        return Normalizer.normalize(SPACES.matcher(asTyped).replaceAll(" ").strip(), Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
    }
}
