package org.hls.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void countsEachGroupsRecordsInAPartOfItsOwn() {
        Random random = new Random(20261205);
        Tally tally = new Tally();
        Map<Integer, Long> expected = new HashMap<>();
        Map<Integer, Long> earliest = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int group = random.nextInt(700) * 31;
            long position = 20_000L * random.nextInt(1_000_000) + i; // no two alike
            tally.add(position, group);
            expected.merge(group, 1L, Long::sum);
            earliest.merge(group, position, Math::min);
        }
        assertThat(tally.count()).isEqualTo(20_000);
        assertThat(tally.parts()).isEqualTo(expected.size());
        Map<Long, Long> byFirst = new HashMap<>();
        earliest.forEach((group, first) -> byFirst.put(first, expected.get(group)));
        long largest = 0;
        for (int part = 0; part < tally.parts(); part++) {
            assertThat(tally.count(part)).isEqualTo(byFirst.get(tally.first(part)));
            largest = Math.max(largest, tally.count(part));
        }
        assertThat(tally.count(tally.largestPart())).isEqualTo(largest);
    }
}
