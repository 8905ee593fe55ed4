package org.hls.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.hls.events.Actor;
import org.junit.jupiter.api.Test;

class SmallNumbersTest {

    private static final SmallNumbers CONTROL = new SmallNumbers(3, 5);
    private static final Reader TEAM_A = new Reader(new Actor("ann", "Ann", "org", "team-a", "fife"),
            Set.of("PRACTITIONER"));

    @Test
    void noneOneOrTwoReadFewerThanThree() {
        assertThat(CONTROL.count(0)).isNull();
        assertThat(CONTROL.count(1)).isNull();
        assertThat(CONTROL.count(2)).isNull();
    }

    @Test
    void everyOtherCountIsRoundedToTheNearestFive() {
        assertThat(CONTROL.count(3)).isEqualTo(5);
        assertThat(CONTROL.count(7)).isEqualTo(5);
        assertThat(CONTROL.count(8)).isEqualTo(10);
        assertThat(CONTROL.count(1_234)).isEqualTo(1_235);
    }

    @Test
    void meansAndRatiosNeedEnoughBehindThem() {
        assertThat(CONTROL.mean(9, 2)).isNull();
        assertThat(CONTROL.mean(0, 0)).isNull();
        assertThat(SmallNumbers.NONE.mean(0, 0)).isZero();
        assertThat(CONTROL.mean(13, 3)).isEqualTo(4.3);
        assertThat(CONTROL.ratio(null, 5L)).isNull();
        assertThat(CONTROL.ratio(5L, 10L)).isEqualTo(0.5);
        assertThat(CONTROL.shows(2)).isFalse();
        assertThat(SmallNumbers.NONE.shows(1)).isTrue();
    }

    @Test
    void onlyATeamsOwnMembersSeeItsCountsAsTheyAre() {
        assertThat(CONTROL.toShow(TEAM_A, "org", "team-a")).isEqualTo(SmallNumbers.NONE);
        assertThat(CONTROL.toShow(TEAM_A, "org", null)).as("their organisation, less their team").isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, null, null)).as("the whole system").isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, "other-org", null)).isEqualTo(CONTROL);
        Reader ofNoTeam = new Reader(new Actor("lee", "Lee", "org", null, "fife"), Set.of("LEADER"));
        assertThat(CONTROL.toShow(ofNoTeam, "org", null)).as("less what they read one by one").isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, "org", "team-b")).isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, "other-org", "team-a")).isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, null, "team-a")).as("every team-a of every organisation").isEqualTo(CONTROL);
    }

    @Test
    void withoutControlEveryCountIsAsItIs() {
        assertThat(SmallNumbers.NONE.count(1)).isEqualTo(1);
        assertThat(SmallNumbers.NONE.count(8)).isEqualTo(8);
        assertThat(SmallNumbers.NONE.mean(9, 2)).isEqualTo(4.5);
    }
}
