package org.hls.events;

/**
 * The person behind an event, as their token names them: never taken from a request body.
 *
 * @param personId     the token's subject
 * @param name         the person's display name
 * @param organisation the organisation they act for
 * @param team         their team within it
 * @param place        the place (city, region) whose system they belong to
 */
public record Actor(String personId,
                    @PersonalData String name,
                    String organisation,
                    String team,
                    String place) {
}
