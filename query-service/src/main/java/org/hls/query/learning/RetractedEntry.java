package org.hls.query.learning;

/**
 * A learning entry its author took back: when it was recorded and when taken back, and of what it said only its kind.
 *
 * @param author its author's name as its reader sees it ({@code [withdrawn]}, a pseudonym's none)
 */
public record RetractedEntry(String id, String kind, String author, String at, String retractedAt) {
}
