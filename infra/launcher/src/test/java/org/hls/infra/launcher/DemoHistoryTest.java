package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;
import org.junit.jupiter.api.Test;

class DemoHistoryTest {

    private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-30");
    private final List<EventEnvelope> events = new DemoHistory(LAST_DAY, 2026).events();

    @Test
    void aYearInTheOrderItHappenedEachAggregateNumberedFromZero() throws ReflectiveOperationException {
        assertThat(events).extracting(EventEnvelope::occurredAt).isSorted();
        assertThat(events.get(0).occurredAt().atZone(ZoneOffset.UTC).toLocalDate())
                .isAfterOrEqualTo(LAST_DAY.minusWeeks(52));
        assertThat(events.get(events.size() - 1).occurredAt().atZone(ZoneOffset.UTC).toLocalDate())
                .isBeforeOrEqualTo(LAST_DAY);
        Map<String, Long> next = new HashMap<>();
        for (EventEnvelope event : events) {
            assertThat(event.sequenceNumber()).as(event.aggregateId()).isEqualTo(next.getOrDefault(
                    event.aggregateId(), 0L));
            next.put(event.aggregateId(), event.sequenceNumber() + 1);
            // The import refuses an envelope naming another aggregate than its event does (each event's first field).
            Record payload = (Record) EventJson.payloadOf(event);
            assertThat(payload.getClass().getRecordComponents()[0].getAccessor().invoke(payload))
                    .as(event.type()).isEqualTo(event.aggregateId());
        }
    }

    @Test
    void everyKindOfEventIsThere() {
        Set<String> types = events.stream().map(EventEnvelope::type).collect(Collectors.toSet());

        assertThat(types).containsAll(EventTypes.all().stream().map(EventTypes::nameOf)
                .filter(type -> !Set.of("MemberJoined", "MemberLeft", "FacilitationHandedOver",
                        "ActionLearningSetEnded", "FacilitatorLeft", "StoryConsentNarrowed", "ConsentWithdrawn",
                        "CohortMemberLeft", "CohortEnded").contains(type)).toList());
    }

    @Test
    void livedExperienceIsHeardMoreAsTheYearGoesOn() {
        List<LearningRecorded> learning = events.stream().filter(event -> event.type().equals("LearningRecorded"))
                .map(event -> (LearningRecorded) EventJson.payloadOf(event)).toList();
        List<LearningRecorded> firstQuarter = learning.subList(0, learning.size() / 4);
        List<LearningRecorded> lastQuarter = learning.subList(learning.size() * 3 / 4, learning.size());

        assertThat(share(lastQuarter)).isGreaterThan(2 * share(firstQuarter));
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(new DemoHistory(LAST_DAY, 2026).events()).isEqualTo(events);
    }

    private static double share(List<LearningRecorded> learning) {
        return learning.stream().filter(entry -> entry.perspective() == Perspective.LIVED_EXPERIENCE).count()
                / (double) learning.size();
    }
}
