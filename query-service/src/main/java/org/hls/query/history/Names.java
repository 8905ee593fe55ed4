package org.hls.query.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dictionary: each distinct name (a theme, a place, an organisation, a team) stored once and referred to by number.
 */
final class Names {

    static final int NONE = -1;

    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The number of {@code name}, given one if it has none yet; {@link #NONE} for no name. */
    int numberOf(String name) {
        if (name == null) {
            return NONE;
        }
        Integer number = numbers.get(name);
        if (number == null) {
            number = names.size();
            names.add(name);
            numbers.put(name, number);
        }
        return number;
    }

    /** The number of {@code name}, or {@link #NONE} when it was never seen. */
    int find(String name) {
        return name == null ? NONE : numbers.getOrDefault(name, NONE);
    }

    String name(int number) {
        return number == NONE ? null : names.get(number);
    }

    int size() {
        return names.size();
    }
}
