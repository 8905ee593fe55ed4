package org.hls.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void countsEachGroupsRecordsInAPartOfItsOwnKeepingItsEarliest() {
        Random random = new Random(20261205);
        Tally tally = new Tally();
        Map<Integer, List<Long>> positions = new HashMap<>();
        Map<Integer, Long> sums = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int group = random.nextInt(700) * 31;
            long position = 20_000L * random.nextInt(1_000_000) + i; // no two alike
            int value = random.nextInt(5);
            tally.add(position, group, value);
            positions.computeIfAbsent(group, none -> new ArrayList<>()).add(position);
            sums.merge(group, (long) value, Long::sum);
        }
        assertThat(tally.count()).isEqualTo(20_000);
        assertThat(tally.parts()).isEqualTo(positions.size());
        positions.forEach((group, recorded) -> {
            int part = tally.partOf(group);
            List<Long> sorted = recorded.stream().sorted().toList();
            assertThat(tally.count(part)).isEqualTo(recorded.size());
            assertThat(tally.sum(part)).isEqualTo(sums.get(group));
            assertThat(tally.first(part)).isEqualTo(sorted.get(0));
            for (int nth = 0; nth < Math.min(sorted.size(), Tally.EARLIEST); nth++) {
                assertThat(tally.earliest(part, nth)).isEqualTo(sorted.get(nth));
            }
        });
        assertThat(tally.partOf(-5)).isEqualTo(-1);
    }
}
