package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibilityTest {

    private static final Actor AUTHOR = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    private static final Actor SELF_ELSEWHERE = new Actor("alice", "Alice", "org-z", "team-9", "tayside");
    private static final Actor TEAM_MATE = new Actor("bob", "Bob", "org-a", "team-1", "fife");
    private static final Actor SAME_ORGANISATION = new Actor("carol", "Carol", "org-a", "team-2", "fife");
    private static final Actor SAME_PLACE = new Actor("omar", "Omar", "org-b", "team-1", "fife");
    private static final Actor OTHER_PLACE = new Actor("tara", "Tara", "org-t", "team-1", "tayside");

    @Test
    void privateIsForItsAuthorOnly() {
        assertThat(Visibility.PRIVATE.admits(AUTHOR, AUTHOR)).isTrue();
        assertThat(Visibility.PRIVATE.admits(AUTHOR, TEAM_MATE)).isFalse();
    }

    @Test
    void teamIsForTheAuthorsTeam() {
        assertThat(Visibility.TEAM.admits(AUTHOR, TEAM_MATE)).isTrue();
        assertThat(Visibility.TEAM.admits(AUTHOR, SAME_ORGANISATION)).isFalse();
    }

    @Test
    void organisationIsForTheAuthorsOrganisation() {
        assertThat(Visibility.ORGANISATION.admits(AUTHOR, SAME_ORGANISATION)).isTrue();
        assertThat(Visibility.ORGANISATION.admits(AUTHOR, SAME_PLACE)).isFalse();
    }

    @Test
    void systemIsForEveryoneOnThePlatform() {
        assertThat(Visibility.SYSTEM.admits(AUTHOR, SAME_PLACE)).isTrue();
        assertThat(Visibility.SYSTEM.admits(AUTHOR, OTHER_PLACE)).isTrue();
    }

    @Test
    void theAuthorAlwaysReadsTheirOwn() {
        for (Visibility visibility : Visibility.values()) {
            assertThat(visibility.admits(AUTHOR, SELF_ELSEWHERE)).as(visibility.name()).isTrue();
        }
    }

    @Test
    void onlyAWiderVisibilityIsWider() {
        assertThat(Visibility.SYSTEM.isWiderThan(Visibility.TEAM)).isTrue();
        assertThat(Visibility.TEAM.isWiderThan(Visibility.TEAM)).isFalse();
        assertThat(Visibility.PRIVATE.isWiderThan(Visibility.TEAM)).isFalse();
    }
}
