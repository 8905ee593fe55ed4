package org.hls.query.actionlearning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class MySetTest {

    @Test
    void setsThatStillMeetComeBeforeThoseThatEndedAndOtherwiseKeepTheirOrder() {
        MySet ended = set("ended", Instant.parse("2026-12-01T17:00:00Z"));
        MySet first = set("first", null);
        MySet second = set("second", null);

        assertThat(List.of(ended, first, second).stream().sorted(MySet.ORDER).map(MySet::setId))
                .containsExactly("first", "second", "ended");
    }

    private static MySet set(String setId, Instant endedAt) {
        return new MySet(setId, setId, "fiona", List.of("alice", "bob", "carol"), 2, null, endedAt);
    }
}
