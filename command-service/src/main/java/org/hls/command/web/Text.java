package org.hls.command.web;

/**
 * Text fields as they are recorded.
 */
public final class Text {

    private Text() {
    }

    /** An optional text: trimmed, and whitespace-only is the same as absent. */
    public static String optional(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
