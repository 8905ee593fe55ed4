package org.hls.query.history;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Each combination's team, by number: a team (of an organisation) may work in several places. */
    private int[] teamOf = new int[16];
    private final Map<Team, Integer> teams = new HashMap<>();

    int numberOf(Where where) {
        Integer number = numbers.get(where);
        if (number == null) {
            number = wheres.size();
            wheres.add(where);
            numbers.put(where, number);
            Team team = new Team(where.organisation(), where.team());
            if (number == teamOf.length) {
                teamOf = Arrays.copyOf(teamOf, 2 * number);
            }
            teamOf[number] = teams.computeIfAbsent(team, known -> teams.size());
        }
        return number;
    }

    Where where(int number) {
        return wheres.get(number);
    }

    /** The number of the team (of its organisation; or its people of no team) a combination is of. */
    int team(int number) {
        return teamOf[number];
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

    private record Team(String organisation, String team) {
    }

    private static boolean matches(String filter, String value) {
        return filter == null || filter.equals(value);
    }
}
