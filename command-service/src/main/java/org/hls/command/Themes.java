package org.hls.command;

import java.util.List;

import org.hls.events.Theme;

/** Themes as they are recorded: {@linkplain Theme#asCarried as events carry them}, at most {@value #MAX} of them. */
public final class Themes {

    public static final int MAX = 10;

    private Themes() {
    }

    public static List<String> normalise(List<String> themes) {
        List<String> normalised = Theme.asCarried(themes);
        if (normalised.size() > MAX) {
            throw CommandRefused.invalid("themes", "refused.themes.too-many", MAX);
        }
        return normalised;
    }
}
