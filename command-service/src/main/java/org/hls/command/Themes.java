package org.hls.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Themes as they are recorded: trimmed, each run of spaces within one space, lower-cased, without repeats or blanks,
 * at most {@value #MAX} of them (found in review: "family  support", typed on a phone, never met "family support").
 */
public final class Themes {

    public static final int MAX = 10;
    /** Spaces of any kind, as the page reads them (a no-break space typed on a Mac among them). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private Themes() {
    }

    public static List<String> normalise(List<String> themes) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String theme : themes) {
            String value = SPACES.matcher(theme).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
            if (!value.isEmpty()) {
                normalised.add(value);
            }
        }
        if (normalised.size() > MAX) {
            throw CommandRefused.invalid("themes", "refused.themes.too-many", MAX);
        }
        return List.copyOf(normalised);
    }
}
