package org.hls.command;

import java.util.Set;

import org.hls.events.Actor;
import org.hls.events.Visibility;

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

    /**
     * Refuses {@code visibility} as an audience when it is "their team" and the caller's token names no team: nobody
     * but the caller would ever read it, while it would count as shared.
     */
    public void requireAudience(Visibility visibility) {
        requireAudience(visibility, actor);
    }

    /** Refuses "their team" as the audience of what {@code author} recorded when it names no team of theirs. */
    public static void requireAudience(Visibility visibility, Actor author) {
        if (visibility == Visibility.TEAM && author.team() == null) {
            throw CommandRefused.invalid("visibility", "refused.visibility.no-team");
        }
    }

    /** A member of {@code team} of {@code organisation}. */
    public boolean isInTeam(String organisation, String team) {
        return organisation != null && organisation.equals(actor.organisation())
                && team != null && team.equals(actor.team());
    }
}
