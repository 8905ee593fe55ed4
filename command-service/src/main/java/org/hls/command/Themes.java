package org.hls.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hls.events.Theme;

/**
 * Themes as they are recorded: each {@linkplain Theme#canonical as events carry it}, without repeats or blanks, at
 * most {@value #MAX} of them.
 */
public final class Themes {

    public static final int MAX = 10;

    private Themes() {
    }

    public static List<String> normalise(List<String> themes) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String theme : themes) {
            String value = Theme.canonical(theme);
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
