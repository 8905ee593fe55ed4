package org.hls.command.learning;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Themes;
import org.hls.command.cohort.Cohorts;
import org.hls.command.experiment.Experiments;
import org.hls.command.person.Consents;
import org.hls.command.story.Stories;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;

/**
 * One piece of learning: a breakthrough, a disappointment or a reflection, as its author recorded it. It can be
 * shared more widely, never less, said anew (corrected) and taken back by its author. Shared without a name, its
 * author is a pseudonym: the author is known by the pseudonym their key gives them for it, and acts on it under that
 * pseudonym.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("3")
public class LearningEntry {

    @AggregateIdentifier
    private String learningId;
    private Actor author;
    private Visibility visibility;
    private boolean retracted;

    protected LearningEntry() {
    }

    @CommandHandler
    public LearningEntry(RecordLearning command, Experiments experiments, Stories stories, Cohorts cohorts) {
        Actor actor = command.caller().actor();
        command.caller().requireAudience(command.visibility());
        if (command.pseudonym() != null && command.visibility() == Visibility.PRIVATE) {
            throw CommandRefused.invalid("anonymous", "refused.learning.anonymous-private");
        }
        if (command.experimentId() != null) {
            experiments.requireReferable(command.experimentId(), command.caller(), command.pseudonym() != null);
        }
        if (command.storyId() != null) {
            stories.requireReferable(command.storyId(), command.caller(), command.pseudonym() != null);
        }
        if (command.cohortId() != null) {
            cohorts.requireEnrolled(command.cohortId(), actor.personId(), command.occurredAt());
        }
        Actor author = command.pseudonym() == null ? actor
                : new Actor(command.pseudonym(), null, actor.organisation(), actor.team(), actor.place());
        apply(new LearningRecorded(command.learningId(), command.kind(), command.summary(), command.detail(),
                Themes.normalise(command.themes()), command.perspective(), command.visibility(),
                command.experimentId(), command.storyId(), command.cohortId(), author, command.occurredAt()));
    }

    @CommandHandler
    public void handle(AmplifyLearning command, Consents consents) {
        boolean byAuthor = isAuthor(command.caller(), command.pseudonym());
        if (!byAuthor && !command.caller().stewards(author.organisation())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.learning.amplify-who");
        }
        // Their words went with their consent: nothing takes what is left of them further than they shared it.
        if (consents.withdrawn(author.personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.learning.author-withdrew");
        }
        if (!byAuthor && visibility == Visibility.PRIVATE) {
            // A private reflection never leaves its author's own views unless they share it themselves.
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.learning.amplify-private");
        }
        requireNotRetracted();
        Caller.requireAudience(command.visibility(), author); // the team it names is the one it was recorded in
        if (!command.visibility().isWiderThan(visibility)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.learning.amplify-wider", visibility);
        }
        apply(new LearningAmplified(learningId, command.visibility(), byAuthor ? byAuthor(command.caller())
                : command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RetractLearning command) {
        if (!isAuthor(command.caller(), command.pseudonym())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.learning.retract-who");
        }
        requireNotRetracted();
        apply(new LearningRetracted(learningId, command.reason(), byAuthor(command.caller()), command.occurredAt()));
    }

    /**
     * The author says their learning anew, and why: a new event, the words before kept in the history, as the change
     * in understanding it is. Not once taken back, nor once they withdrew (their words went with their consent).
     */
    @CommandHandler
    public void handle(CorrectLearning command, Consents consents) {
        if (!isAuthor(command.caller(), command.pseudonym())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.learning.correct-who");
        }
        requireNotRetracted();
        if (consents.withdrawn(author.personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.learning.author-withdrew-correct");
        }
        apply(new LearningCorrected(learningId, command.summary(), command.detail(), command.reason(),
                byAuthor(command.caller()), command.occurredAt()));
    }

    /** Who the author's own act is by: the pseudonym the entry names, or the author as their token names them now. */
    private Actor byAuthor(Caller caller) {
        return Actor.isPseudonym(author.personId()) ? author : caller.actor();
    }

    /** The author acts as the entry names them: by their id, or, shared without a name, by their pseudonym for it. */
    private boolean isAuthor(Caller caller, String pseudonym) {
        return Actor.isPseudonym(author.personId()) ? author.personId().equals(pseudonym)
                : caller.is(author.personId());
    }

    private void requireNotRetracted() {
        if (retracted) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.learning.retracted");
        }
    }

    @EventSourcingHandler
    void on(LearningRecorded event) {
        learningId = event.learningId();
        author = event.actor().withoutName(); // no rule reads it, and a snapshot would keep it unsealed
        visibility = event.visibility();
    }

    @EventSourcingHandler
    void on(LearningAmplified event) {
        visibility = event.visibility();
    }

    @EventSourcingHandler
    void on(LearningRetracted event) {
        retracted = true;
    }
}
