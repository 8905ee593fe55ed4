package org.hls.query.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * Where people work (place, organisation, team), each combination stored once: a million entries from a few hundred
 * teams keep a few hundred of these. A filter becomes one flag per combination, looked up per row.
 */
final class Wheres {

    private final Map<Where, Integer> numbers = new HashMap<>();
    private final List<Where> wheres = new ArrayList<>();

    int numberOf(Where where) {
        Integer number = numbers.get(where);
        if (number == null) {
            number = wheres.size();
            wheres.add(where);
            numbers.put(where, number);
        }
        return number;
    }

    Where where(int number) {
        return wheres.get(number);
    }

    /**
     * Which combinations the filters admit: each filter ({@code null} for any) must equal that part; a filter
     * naming something never seen admits none.
     */
    boolean[] admitted(String place, String organisation, String team) {
        boolean[] admitted = new boolean[wheres.size()];
        for (int number = 0; number < admitted.length; number++) {
            Where where = wheres.get(number);
            admitted[number] = matches(place, where.place()) && matches(organisation, where.organisation())
                    && matches(team, where.team());
        }
        return admitted;
    }

    private static boolean matches(String filter, String value) {
        return filter == null || filter.equals(value);
    }
}
