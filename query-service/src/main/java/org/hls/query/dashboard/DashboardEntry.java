package org.hls.query.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.query.projection.ProjectedEvent;

/**
 * What the dashboards must remember of one learning entry to count its amplification or retraction later.
 *
 * @param author   whose it is, and where they work (no name: the dashboards never show one)
 * @param sequence the entry's last event applied: an event at or below it changes nothing
 */
record DashboardEntry(String kind,
                      String perspective,
                      List<String> themes,
                      Visibility visibility,
                      boolean retracted,
                      String summary,
                      Actor author,
                      String at,
                      long sequence) {

    /** Whether the shared numbers count it: shared beyond its author and not retracted. */
    boolean counted() {
        return visibility.isShared() && !retracted;
    }

    /** The day it was recorded as happening (UTC): the day its counts belong to. */
    LocalDate day() {
        return LocalDate.ofInstant(Instant.parse(at), ZoneOffset.UTC);
    }

    /**
     * The entry after {@code event}: unchanged for an event already applied; {@code null} when a later event arrives
     * for an entry never recorded here.
     */
    static DashboardEntry after(DashboardEntry previous, ProjectedEvent event) {
        if (previous != null && event.sequence() <= previous.sequence()) {
            return previous;
        }
        if (event.payload() instanceof LearningRecorded recorded) {
            return new DashboardEntry(recorded.kind().name(), recorded.perspective().name(), recorded.themes(),
                    recorded.visibility(), false, recorded.summary(), withoutName(recorded.actor()),
                    recorded.occurredAt().toString(), event.sequence());
        }
        if (previous == null) {
            return null;
        }
        if (event.payload() instanceof LearningAmplified amplified) {
            return new DashboardEntry(previous.kind, previous.perspective, previous.themes, amplified.visibility(),
                    previous.retracted, previous.summary, previous.author, previous.at, event.sequence());
        }
        if (event.payload() instanceof LearningRetracted) {
            return new DashboardEntry(previous.kind, previous.perspective, previous.themes, previous.visibility,
                    true, previous.summary, previous.author, previous.at, event.sequence());
        }
        return previous;
    }

    /** Whose work it is and where they work, without their name: dashboards never show one. */
    static Actor withoutName(Actor actor) {
        return new Actor(actor.personId(), null, actor.organisation(), actor.team(), actor.place());
    }

    static DashboardEntry of(Document stored) {
        Actor author = new Actor(stored.getString("author"), null, stored.getString("organisation"),
                stored.getString("team"), stored.getString("place"));
        return new DashboardEntry(stored.getString("kind"), stored.getString("perspective"),
                stored.getList("themes", String.class), Visibility.valueOf(stored.getString("visibility")),
                stored.getBoolean("retracted", false), stored.getString("summary"), author,
                stored.getString("at"), stored.getLong("sequence"));
    }

    Document toDocument() {
        return new Document("kind", kind).append("perspective", perspective).append("themes", themes)
                .append("visibility", visibility.name()).append("retracted", retracted).append("summary", summary)
                .append("author", author.personId()).append("organisation", author.organisation())
                .append("team", author.team()).append("place", author.place()).append("at", at)
                .append("sequence", sequence);
    }
}
