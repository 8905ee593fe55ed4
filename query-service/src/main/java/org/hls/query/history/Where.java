package org.hls.query.history;

import org.hls.events.Actor;

/**
 * Where someone works: a place, an organisation and a team, each may be {@code null}.
 */
public record Where(String place, String organisation, String team) {

    static Where of(Actor actor) {
        return new Where(actor.place(), actor.organisation(), actor.team());
    }
}
