package org.hls.query.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.Perspective;

/**
 * Events and envelopes as the command side publishes them, for feeding projections in tests.
 */
public final class Events {

    public static final Actor ALICE = new Actor("alice", "Alice", "org-a", "team-1", "fife");
    public static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

    private Events() {
    }

    public static ExperimentProposed proposed(String experimentId, Visibility visibility) {
        return new ExperimentProposed(experimentId, "Open drop-in", "Drop-in helps", List.of("housing"),
                "People keep their key worker", null, null, visibility, ALICE, AT);
    }

    public static ExperimentStarted started(String experimentId) {
        return new ExperimentStarted(experimentId, ALICE, AT);
    }

    public static ExperimentConcluded concluded(String experimentId, Outcome outcome) {
        return new ExperimentConcluded(experimentId, outcome, "Learnt a lot", null, null, ALICE, AT);
    }

    public static LearningRecorded learning(String learningId, LearningKind kind, Perspective perspective,
                                            Visibility visibility, String... themes) {
        return new LearningRecorded(learningId, kind, "Summary of " + learningId, null, List.of(themes),
                perspective, visibility, null, null, null, ALICE, AT.plusSeconds(learningId.hashCode() % 1000));
    }

    /** The envelope of {@code event} as the event store recorded it at {@code recordedAt}. */
    public static EventEnvelope envelope(String aggregateId, long sequence, long position, DomainEvent event,
                                         Instant recordedAt) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.nameOf(event.getClass()),
                EventTypes.schemaVersionOf(event.getClass()), aggregateId, sequence, position, event.occurredAt(),
                recordedAt, EventJson.newMapper().valueToTree(event));
    }

    /** The envelope of {@code event} as the event store recorded it when it happened. */
    public static EventEnvelope envelope(String aggregateId, long sequence, long position, DomainEvent event) {
        return envelope(aggregateId, sequence, position, event, event.occurredAt());
    }
}
