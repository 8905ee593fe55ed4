package org.hls.command.experiment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Themes;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;

/**
 * A learning cycle: proposed with its ending planned, started, adapted as it goes, concluded once with a decision.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Experiment {

    @AggregateIdentifier
    private String experimentId;
    private boolean started;
    private boolean concluded;

    protected Experiment() {
    }

    @CommandHandler
    public Experiment(ProposeExperiment command) {
        apply(new ExperimentProposed(command.experimentId(), command.title(), command.hypothesis(),
                Themes.normalise(command.themes()), command.plannedEnding(), command.visibility(), command.actor(),
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(StartExperiment command) {
        if (concluded) {
            throw new CommandRefused(Refusal.CONFLICT, "This experiment has already been concluded.");
        }
        if (started) {
            throw new CommandRefused(Refusal.CONFLICT, "This experiment has already started.");
        }
        apply(new ExperimentStarted(experimentId, command.actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(AdaptExperiment command) {
        requireRunning("adapted");
        apply(new ExperimentAdapted(experimentId, command.change(), command.reason(), command.actor(),
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(ConcludeExperiment command) {
        requireRunning("concluded");
        apply(new ExperimentConcluded(experimentId, command.outcome(), command.summary(), command.actor(),
                command.occurredAt()));
    }

    private void requireRunning(String action) {
        if (concluded) {
            throw new CommandRefused(Refusal.CONFLICT, "This experiment has already been concluded.");
        }
        if (!started) {
            throw new CommandRefused(Refusal.CONFLICT,
                    "This experiment has not started yet; start it before it can be " + action + ".");
        }
    }

    @EventSourcingHandler
    void on(ExperimentProposed event) {
        experimentId = event.experimentId();
    }

    @EventSourcingHandler
    void on(ExperimentStarted event) {
        started = true;
    }

    @EventSourcingHandler
    void on(ExperimentConcluded event) {
        concluded = true;
    }
}
