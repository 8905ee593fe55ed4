package org.hls.query.learning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.hls.events.Actor;

/**
 * What a feed is narrowed to; each part is optional ({@code null}). Where an entry is from is its author's, as a
 * dashboard's filters take it: each part asked for must equal it.
 *
 * @param kind         one kind of learning
 * @param theme        one theme, as recorded (lower case)
 * @param from         recorded at or after
 * @param to           recorded before
 * @param place        recorded in one place
 * @param organisation recorded in one organisation
 * @param team         recorded in one team
 */
public record FeedFilter(String kind, String theme, Instant from, Instant to, String place, String organisation,
                         String team) {

    public static final FeedFilter NONE = new FeedFilter(null, null, null, null, null, null, null);

    /** A filter of kind, theme and time, from anywhere. */
    public FeedFilter(String kind, String theme, Instant from, Instant to) {
        this(kind, theme, from, to, null, null, null);
    }

    /**
     * Whether entries listed on {@code day} (the day each came) may match: one comes on the day it was noted or up to
     * {@code waited} later, when it waited on a device without a connection.
     */
    boolean coversDay(LocalDate day, Duration waited) {
        return (from == null || !day.isBefore(LocalDate.ofInstant(from, ZoneOffset.UTC)))
                && (to == null || !day.isAfter(LocalDate.ofInstant(to.plus(waited), ZoneOffset.UTC)));
    }

    boolean matches(String entryKind, List<String> themes, Instant at, Actor author) {
        return (kind == null || kind.equals(entryKind))
                && (theme == null || themes.contains(theme))
                && (from == null || !at.isBefore(from))
                && (to == null || at.isBefore(to))
                && (place == null || place.equals(author.place()))
                && (organisation == null || organisation.equals(author.organisation()))
                && (team == null || team.equals(author.team()));
    }
}
