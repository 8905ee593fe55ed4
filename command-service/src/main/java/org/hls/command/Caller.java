package org.hls.command;

import java.util.Set;

import org.hls.events.Actor;

/**
 * Who sends a command, and in which roles, as their token says: the actor goes into the events, the roles only
 * into decisions.
 */
public record Caller(Actor actor, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public String personId() {
        return actor.personId();
    }

    public boolean is(String personId) {
        return actor.personId().equals(personId);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** A facilitator or leader of {@code organisation}: someone who may steward its learning. */
    public boolean stewards(String organisation) {
        return (has(Role.FACILITATOR) || has(Role.LEADER)) && organisation != null
                && organisation.equals(actor.organisation());
    }

    /** A member of {@code team} of {@code organisation}. */
    public boolean isInTeam(String organisation, String team) {
        return organisation != null && organisation.equals(actor.organisation())
                && team != null && team.equals(actor.team());
    }
}
