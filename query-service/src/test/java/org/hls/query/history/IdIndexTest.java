package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    @Test
    void everyIdFindsItsRowAndGivesItselfBackWhetherOrNotItIsAUuid() {
        IdIndex index = new IdIndex();
        Random random = new Random(11);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            String id = switch (i % 5) {
                case 0 -> "learning-" + i;
                case 1 -> new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase();
                default -> new UUID(random.nextLong(), random.nextLong()).toString();
            };
            ids.add(id);
            assertThat(index.add(id)).isEqualTo(i);
        }

        for (int row = 0; row < ids.size(); row++) {
            assertThat(index.find(ids.get(row))).as(ids.get(row)).isEqualTo(row);
            assertThat(index.idOf(row)).isEqualTo(ids.get(row));
        }
        assertThat(index.find(UUID.randomUUID().toString())).isEqualTo(-1);
        assertThat(index.find("0000000-0000-0000-0000-0000000000000")).as("dashes misplaced").isEqualTo(-1);
    }
}
