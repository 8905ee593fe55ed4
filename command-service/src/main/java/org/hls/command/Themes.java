package org.hls.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Themes as they are recorded: trimmed, lower-cased, without repeats or blanks, at most {@value #MAX} of them.
 */
public final class Themes {

    public static final int MAX = 10;

    private Themes() {
    }

    public static List<String> normalise(List<String> themes) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String theme : themes) {
            String value = theme.strip().toLowerCase(Locale.ROOT);
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
