package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WheresTest {

    private final Wheres wheres = new Wheres();

    /**
     * Found in review: small-number control drew a part of each figure per place, organisation and team, while a
     * team's members read their own team's counts (in every place) as they are; so a team working in two places
     * was two parts, and its members could count one of them as someone else's.
     */
    @Test
    void aTeamIsOneTeamInEveryPlaceItWorksAndTeamsOfTheSameNameInTwoOrganisationsAreTwo() {
        int fife = wheres.numberOf(new Where("fife", "org-a", "team-1"));
        int dundee = wheres.numberOf(new Where("dundee", "org-a", "team-1"));
        int otherOrganisation = wheres.numberOf(new Where("fife", "org-b", "team-1"));
        int noTeam = wheres.numberOf(new Where("fife", "org-a", null));
        int noTeamElsewhere = wheres.numberOf(new Where("dundee", "org-a", null));

        assertThat(fife).isNotEqualTo(dundee);
        assertThat(wheres.team(fife)).isEqualTo(wheres.team(dundee));
        assertThat(wheres.team(otherOrganisation)).isNotEqualTo(wheres.team(fife));
        assertThat(wheres.team(noTeam)).isEqualTo(wheres.team(noTeamElsewhere)).isNotEqualTo(wheres.team(fife));
        for (int more = 0; more < 100; more++) {
            wheres.numberOf(new Where("place-" + more, "org-a", "team-1"));
        }
        assertThat(wheres.team(wheres.numberOf(new Where("place-99", "org-a", "team-1")))).isEqualTo(wheres.team(fife));
    }
}
