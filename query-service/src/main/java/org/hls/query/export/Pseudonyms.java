package org.hls.query.export;

import java.util.HashMap;
import java.util.Map;

import org.hls.events.Actor;

/**
 * Each person a stable pseudonym within one export ({@code person-1}, {@code person-2}, ... in order of first
 * appearance): never their id or name, and unrelated to the pseudonyms of any other export.
 */
final class Pseudonyms {

    private final Map<String, String> given = new HashMap<>();

    /** {@code personId}'s pseudonym in this export; none for nobody, or for someone who shared without a name. */
    String of(String personId) {
        return personId == null || Actor.isPseudonym(personId) ? null
                : given.computeIfAbsent(personId, id -> "person-" + (given.size() + 1));
    }
}
