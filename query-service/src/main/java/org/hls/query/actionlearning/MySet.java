package org.hls.query.actionlearning;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A set its reader facilitates or belongs to, as a list offers it.
 *
 * @param openSession the number of its session that is open now, or {@code null}
 * @param endedAt     when its facilitator ended it, or {@code null} while it meets
 */
public record MySet(String setId, String name, String facilitator, List<String> members, int sessions,
                    Integer openSession, Instant endedAt) {

    /** Sets that still meet first, then those that ended; otherwise as listed. */
    static final Comparator<MySet> ORDER = Comparator.comparing(set -> set.endedAt() != null);

    static MySet of(ActionLearningSetView set) {
        Integer open = set.sessions().stream().filter(session -> !session.closed())
                .map(ActionLearningSetView.Session::number).findFirst().orElse(null);
        return new MySet(set.setId(), set.name(), set.facilitator(), set.members(), set.sessions().size(), open,
                set.endedAt());
    }
}
