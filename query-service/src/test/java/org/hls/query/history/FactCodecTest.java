package org.hls.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.query.history.Fact.Learning;
import org.hls.query.history.Fact.Withdrawal;
import org.junit.jupiter.api.Test;

class FactCodecTest {

    @Test
    void aCheckpointKeepsWhoRecordedEachEntrySoThatTheirWithdrawalStillHidesTheirThemes() {
        List<Fact> facts = List.of(
                new Learning(0, 1, 1_000, "l1", LearningKind.BREAKTHROUGH, Perspective.PRACTITIONER, Visibility.SYSTEM,
                        new Where("fife", "org-a", "team-1"), List.of("alices-own"), null, 900, "alice"),
                new Learning(1, 2, 2_000, "l2", LearningKind.REFLECTION, Perspective.LIVED_EXPERIENCE,
                        Visibility.TEAM, new Where("fife", "org-a", null), List.of(), "e1", 1_900, null),
                new Withdrawal(0, 3, 3_000, "alice"));

        assertThat(FactCodec.decode(FactCodec.encode(facts))).isEqualTo(facts);
    }
}
