package org.hls.command.support;

import java.util.Set;

import org.hls.command.Caller;
import org.hls.command.Role;
import org.hls.events.Actor;

/**
 * The people of the aggregate tests, each as their token would present them.
 */
public final class People {

    public static final Caller ALICE = caller("alice", "org-a", "team-1", Role.PRACTITIONER);
    public static final Caller BOB = caller("bob", "org-a", "team-1", Role.PRACTITIONER);
    public static final Caller CAROL = caller("carol", "org-a", "team-2", Role.PRACTITIONER);
    public static final Caller FIONA = caller("fiona", "org-a", "team-3", Role.FACILITATOR);
    public static final Caller LEE = caller("lee", "org-a", "board", Role.LEADER);
    public static final Caller OMAR = caller("omar", "org-b", "team-1", Role.PRACTITIONER);
    public static final Caller OLIVE = caller("olive", "org-b", "board", Role.LEADER, Role.FACILITATOR);
    public static final Caller ADA = caller("ada", "org-c", "it", Role.ADMIN);

    private People() {
    }

    private static Caller caller(String id, String organisation, String team, Role... roles) {
        String name = Character.toUpperCase(id.charAt(0)) + id.substring(1);
        return new Caller(new Actor(id, name, organisation, team, "fife"), Set.of(roles));
    }
}
