package org.hls.command.experiment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Themes;
import org.hls.command.story.Stories;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;

/**
 * A learning cycle: proposed with its ending planned, started, adapted as it goes, concluded once with a decision.
 * Its team, and the facilitators and leaders of its organisation, may change it; a private one, its proposer alone.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("5")
public class Experiment {

    @AggregateIdentifier
    private String experimentId;
    private Actor proposer;
    private Visibility visibility;
    /** The story it refers to, if any: what is shared without a name in it must not be its teller's. */
    private String storyId;
    private boolean started;
    private boolean concluded;
    /** Concluded without saying how its planned ending went, or saying it had not happened yet. */
    private boolean endingAwaited;

    protected Experiment() {
    }

    @CommandHandler
    public Experiment(ProposeExperiment command, Stories stories) {
        command.caller().requireAudience(command.visibility());
        requireNotPast(command.endsBy(), command.occurredAt());
        if (command.storyId() != null) {
            stories.requireReferable(command.storyId(), command.caller(), false);
        }
        apply(new ExperimentProposed(command.experimentId(), command.title(), command.hypothesis(),
                Themes.normalise(command.themes()), command.plannedEnding(), command.endsBy(), command.storyId(),
                command.visibility(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(StartExperiment command) {
        requireSteward(command.caller());
        if (concluded) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.experiment.concluded");
        }
        if (started) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.experiment.started");
        }
        apply(new ExperimentStarted(experimentId, command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(AdaptExperiment command) {
        requireSteward(command.caller());
        requireRunning("refused.experiment.adapt-before-start");
        requireNotPast(command.endsBy(), command.occurredAt());
        apply(new ExperimentAdapted(experimentId, command.change(), command.reason(), command.endsBy(),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(ConcludeExperiment command) {
        requireSteward(command.caller());
        requireRunning("refused.experiment.conclude-before-start");
        requireSaidWhenChanged(command.ending(), command.endingNote());
        apply(new ExperimentConcluded(experimentId, command.outcome(), command.summary(), command.ending(),
                command.endingNote(), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RecordEnding command) {
        requireSteward(command.caller());
        if (!concluded) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.experiment.ending-before-conclusion");
        }
        if (!endingAwaited) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.experiment.ending-known");
        }
        if (command.ending() == Ending.NOT_YET) {
            throw CommandRefused.invalid("ending", "refused.experiment.ending-not-yet");
        }
        requireSaidWhenChanged(command.ending(), command.endingNote());
        apply(new ExperimentEndingRecorded(experimentId, command.ending(), command.endingNote(),
                command.caller().actor(), command.occurredAt()));
    }

    /**
     * An ending planned from the start that went otherwise says what happened to the people involved: that is the
     * point of planning it.
     */
    private static void requireSaidWhenChanged(Ending ending, String endingNote) {
        if (ending == Ending.CHANGED && (endingNote == null || endingNote.isBlank())) {
            throw CommandRefused.invalid("endingNote", "refused.experiment.changed-ending-unsaid");
        }
    }

    /**
     * The day it plans to end by, when it says one, is not already past on the day it is said (UTC): proposed so, it
     * was "due to end" before it had begun.
     */
    private static void requireNotPast(LocalDate endsBy, Instant saidAt) {
        if (endsBy != null && endsBy.isBefore(LocalDate.ofInstant(saidAt, ZoneOffset.UTC))) {
            throw CommandRefused.invalid("endsBy", "refused.experiment.ends-in-past");
        }
    }

    /**
     * Shares it more widely, at any step of its life: what worked is shared once concluded. Those who may change it
     * may; a private one, its proposer alone. The team it names is the one it was proposed in.
     */
    @CommandHandler
    public void handle(AmplifyExperiment command) {
        requireSteward(command.caller());
        Caller.requireAudience(command.visibility(), proposer);
        if (!command.visibility().isWiderThan(visibility)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.experiment.amplify-wider", visibility);
        }
        apply(new ExperimentAmplified(experimentId, command.visibility(), visibility, command.caller().actor(),
                command.occurredAt()));
    }

    /**
     * Refuses unless {@code referrer} may see this experiment (its stewards, who may change it, see it too), and, for
     * what they share {@code anonymously}, unless someone else proposed it: its timeline would name them beside it.
     */
    void requireReferableBy(Caller referrer, boolean anonymously) {
        if (!visibility.admits(proposer, referrer.actor()) && !stewardedBy(referrer)) {
            throw unknown();
        }
        if (anonymously && referrer.is(proposer.personId())) {
            throw CommandRefused.invalid("experimentId", "refused.experiment.names-anonymous-author");
        }
    }

    /** The story it refers to, or {@code null}. */
    String storyId() {
        return storyId;
    }

    /** An experiment the referrer may not see is, to them, one that does not exist. */
    static CommandRefused unknown() {
        return new CommandRefused(Refusal.NOT_FOUND, "refused.experiment.unknown");
    }

    /** Whether {@code caller} is a facilitator or leader of its organisation, who may change it unless it is private. */
    private boolean stewardedBy(Caller caller) {
        return visibility != Visibility.PRIVATE && caller.stewards(proposer.organisation());
    }

    /**
     * Only its proposer and their team, or a facilitator or leader of its organisation, may change an experiment; a
     * private one, its proposer alone. To anyone else who may not see it, it does not exist.
     */
    private void requireSteward(Caller caller) {
        if (stewardedBy(caller)) {
            return;
        }
        if (!visibility.admits(proposer, caller.actor())) {
            throw unknown();
        }
        if (!caller.is(proposer.personId()) && !caller.isInTeam(proposer.organisation(), proposer.team())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.experiment.team-only");
        }
    }

    /** @param notStarted the message code saying the experiment must start first */
    private void requireRunning(String notStarted) {
        if (concluded) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.experiment.concluded");
        }
        if (!started) {
            throw new CommandRefused(Refusal.CONFLICT, notStarted);
        }
    }

    @EventSourcingHandler
    void on(ExperimentProposed event) {
        experimentId = event.experimentId();
        proposer = event.actor().withoutName(); // no rule reads it, and a snapshot would keep it unsealed
        visibility = event.visibility();
        storyId = event.storyId();
    }

    @EventSourcingHandler
    void on(ExperimentAmplified event) {
        visibility = event.visibility();
    }

    @EventSourcingHandler
    void on(ExperimentStarted event) {
        started = true;
    }

    @EventSourcingHandler
    void on(ExperimentConcluded event) {
        concluded = true;
        endingAwaited = event.ending() == null || event.ending() == Ending.NOT_YET;
    }

    @EventSourcingHandler
    void on(ExperimentEndingRecorded event) {
        endingAwaited = false;
    }
}
