package org.hls.events;

/**
 * The person behind an event, as their token names them: never taken from a request body. Learning shared without a
 * name has an author who is a {@linkplain #isPseudonym pseudonym} with no name: only the author's own key links it to
 * them, and withdrawing their consent destroys that link with the key.
 *
 * @param personId     the token's subject, or a pseudonym ({@value #PSEUDONYM_PREFIX}…)
 * @param name         the person's display name; {@code null} for a pseudonym
 * @param organisation the organisation they act for
 * @param team         their team within it
 * @param place        the place (city, region) whose system they belong to
 */
public record Actor(String personId,
                    @PersonalData String name,
                    String organisation,
                    String team,
                    String place) {

    /** What a pseudonym begins with. */
    public static final String PSEUDONYM_PREFIX = "anonymous-";

    /** The same person, where they work, without their name: what a rule needs of them, and nothing said. */
    public Actor withoutName() {
        return name == null ? this : new Actor(personId, null, organisation, team, place);
    }

    /** Whether {@code personId} is a pseudonym, standing for someone who shared without their name. */
    public static boolean isPseudonym(String personId) {
        return personId != null && personId.startsWith(PSEUDONYM_PREFIX);
    }
}
