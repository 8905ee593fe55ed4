package org.hls.command.learning;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.Themes;
import org.hls.events.learning.LearningRecorded;

/**
 * One piece of learning: a breakthrough, a disappointment or a reflection, as its author recorded it.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class LearningEntry {

    @AggregateIdentifier
    private String learningId;

    protected LearningEntry() {
    }

    @CommandHandler
    public LearningEntry(RecordLearning command) {
        apply(new LearningRecorded(command.learningId(), command.kind(), command.summary(), command.detail(),
                Themes.normalise(command.themes()), command.perspective(), command.visibility(),
                command.experimentId(), command.actor(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(LearningRecorded event) {
        learningId = event.learningId();
    }
}
