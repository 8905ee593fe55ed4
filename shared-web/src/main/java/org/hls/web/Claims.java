package org.hls.web;

import org.hls.events.Actor;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who a validated token names, as both services read it. */
public final class Claims {

    private Claims() {
    }

    /**
     * The person {@code jwt} names: its subject and name, and their organisation, team and place, each none when
     * blank (a blank team would make everyone of the organisation without one a team).
     */
    public static Actor actor(Jwt jwt) {
        return new Actor(jwt.getSubject(), jwt.getClaimAsString("name"), text(jwt, "organisation"),
                text(jwt, "team"), text(jwt, "place"));
    }

    private static String text(Jwt jwt, String name) {
        String value = jwt.getClaimAsString(name);
        return value == null || value.isBlank() ? null : value;
    }
}
