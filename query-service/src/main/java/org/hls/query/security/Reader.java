package org.hls.query.security;

import java.util.Set;

import org.hls.events.Actor;
import org.hls.events.Visibility;

/**
 * Who is reading, and in which roles, as their token says. Every answer shows only what this reader may see.
 */
public record Reader(Actor actor, Set<String> roles) {

    public Reader {
        roles = Set.copyOf(roles);
    }

    public String personId() {
        return actor.personId();
    }

    public boolean is(String personId) {
        return actor.personId().equals(personId);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** A facilitator or leader of {@code organisation}: someone who may steward its learning (its experiments). */
    public boolean stewards(String organisation) {
        return (has("FACILITATOR") || has("LEADER")) && organisation != null
                && organisation.equals(actor.organisation());
    }

    /**
     * Whether the reader reads, and may change, an experiment of {@code organisation} shared with {@code visibility}
     * as one who stewards it (command-service's rule): any but a private one.
     */
    public boolean stewards(Visibility visibility, String organisation) {
        return visibility != Visibility.PRIVATE && stewards(organisation);
    }
}
