package org.hls.query.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hls.events.Theme;
import org.hls.query.history.TimeRange;

/**
 * The filters every dashboard, analysis and export takes, as query parameters: {@code place}, {@code organisation},
 * {@code team} and {@code theme} (each up to 100 characters), {@code from} and {@code to} (each a day, inclusive,
 * UTC, or an instant), and {@code asOf} (an instant, not in the future: the answer as it was known then). A value
 * that cannot be used is refused, naming it, rather than ignored; so is a parameter that is none of these (a filter
 * misspelt, {@code organization}, would otherwise answer for everything).
 */
public record Filters(String place, String organisation, String team, String theme, TimeRange range, Instant asOf) {

    static final int MAX_LENGTH = 100;
    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    /** Every filter's name, in the order the refusal of another lists them. */
    private static final List<String> NAMES = List.of("place", "organisation", "team", "theme", "from", "to", "asOf");
    private static final String AN_INSTANT = "invalid.instant";
    private static final String A_DAY_OR_AN_INSTANT = "invalid.day-or-instant";

    /**
     * The filters {@code parameters} ask for, beside {@code others} (the read's own parameters, such as an export's
     * {@code format}, which the read takes itself): any other name is refused, listing those the read takes.
     */
    public static Filters of(Map<String, String> parameters, Clock clock, String... others) {
        List<String> taken = new ArrayList<>(NAMES);
        taken.addAll(List.of(others));
        refuseOthers(parameters, taken);
        String place = text(parameters, "place");
        String organisation = text(parameters, "organisation");
        String team = text(parameters, "team");
        String theme = text(parameters, "theme");
        String fromText = text(parameters, "from");
        String toText = text(parameters, "to");
        Instant from = fromText == null ? null : bound(fromText, "from", false);
        Instant to = toText == null ? null : bound(toText, "to", true);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidParameter("from", "invalid.from-after-to");
        }
        String asOfText = text(parameters, "asOf");
        Instant asOf = null;
        if (asOfText != null) {
            asOf = instant(asOfText, "asOf", AN_INSTANT);
            if (asOf == null) {
                throw new InvalidParameter("asOf", AN_INSTANT);
            }
            if (asOf.isAfter(clock.instant())) {
                throw new InvalidParameter("asOf", "invalid.as-of-future");
            }
        }
        return new Filters(place, organisation, team, theme == null ? null : Theme.canonical(theme),
                new TimeRange(from, to, fromText, toText), asOf);
    }

    /** Refuses a parameter not among {@code taken}, naming it and those taken: a misspelt filter filters nothing. */
    public static void refuseOthers(Map<String, String> parameters, List<String> taken) {
        parameters.keySet().stream().filter(name -> !taken.contains(name)).findFirst().ifPresent(unknown -> {
            throw taken.isEmpty() ? new InvalidParameter(shown(unknown), "invalid.no-parameters")
                    : new InvalidParameter(shown(unknown), "invalid.unknown-parameter", String.join(", ", taken));
        });
    }

    /** A theme asked for by the read's parameter {@code theme}: checked as every filter is, then as recorded. */
    public static String themeAsked(String value) {
        return Theme.canonical(checked(value, "theme"));
    }

    /** These filters within the organisation and team a path gives ({@code null} for none): filters may not differ. */
    public Filters within(String pathOrganisation, String pathTeam) {
        return new Filters(place, fixed(organisation, pathOrganisation, "organisation"),
                fixed(team, pathTeam, "team"), theme, range, asOf);
    }

    private static String fixed(String asked, String ofPath, String name) {
        if (ofPath == null) {
            return asked;
        }
        checked(ofPath, name);
        if (asked != null && !asked.equals(ofPath)) {
            throw new InvalidParameter(name, "invalid.fixed-by-path");
        }
        return ofPath;
    }

    /** A filter's text, stripped; {@code null} when absent or blank. */
    private static String text(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return checked(value, name).strip();
    }

    /** A name the reader sent, as a refusal may name it back: not too long, without control characters. */
    private static String shown(String name) {
        String printable = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) : printable;
    }

    /** A filter's value as asked, in the query or the path: not too long, no control characters. */
    private static String checked(String value, String name) {
        if (value.length() > MAX_LENGTH) {
            throw new InvalidParameter(name, "invalid.too-long", MAX_LENGTH);
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameter(name, "invalid.control-characters");
        }
        return value;
    }

    /** A day (its start, or for an end its last instant) or an instant. */
    private static Instant bound(String value, String name, boolean end) {
        Instant instant = instant(value, name, A_DAY_OR_AN_INSTANT);
        if (instant != null) {
            return instant;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
                throw new InvalidParameter(name, "invalid.day-range");
            }
            return end ? TimeRange.days(null, day).to() : TimeRange.days(day, null).from();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, A_DAY_OR_AN_INSTANT);
        }
    }

    /** An ISO-8601 instant (with {@code Z} or an offset) within years 1 to 9999, or {@code null} when not one. */
    private static Instant instant(String value, String name, String malformed) {
        if (!value.contains("T")) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, malformed);
        }
        // The year as written first: at the calendar's very ends, the same instant in UTC is past them.
        if (parsed.getYear() < FIRST_DAY.getYear() || parsed.getYear() > LAST_DAY.getYear()) {
            throw new InvalidParameter(name, "invalid.year-range");
        }
        LocalDate day = parsed.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new InvalidParameter(name, "invalid.year-range");
        }
        return parsed.toInstant();
    }
}
