package org.hls.command.story;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Role;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.story.StoryConsentNarrowed;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;

/**
 * A person's story, told once with consent and referred to by id; its teller may narrow that consent at any time.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("2")
public class Story {

    @AggregateIdentifier
    private String storyId;
    private Actor teller;
    private Visibility visibility;
    private Set<StoryPurpose> purposes;

    protected Story() {
    }

    @CommandHandler
    public Story(RecordStory command) {
        command.caller().requireAudience(command.visibility());
        apply(new StoryRecorded(command.storyId(), command.text(), command.visibility(),
                sorted(command.purposes()), command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(NarrowStoryConsent command) {
        if (!command.caller().is(teller.personId())) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.story.teller-only");
        }
        if (command.visibility().isWiderThan(visibility)) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.story.visibility-widened", visibility,
                    command.visibility());
        }
        if (!purposes.containsAll(command.purposes())) {
            throw purposes.isEmpty() ? new CommandRefused(Refusal.CONFLICT, "refused.story.no-purposes-left")
                    : new CommandRefused(Refusal.CONFLICT, "refused.story.purposes-widened", sorted(purposes));
        }
        if (command.visibility() == visibility && purposes.equals(Set.copyOf(command.purposes()))) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.story.not-narrowed");
        }
        apply(new StoryConsentNarrowed(storyId, command.visibility(), sorted(command.purposes()),
                command.caller().actor(), command.occurredAt()));
    }

    /**
     * Refuses unless {@code referrer} may read this story and its consent covers learning and its teller has not
     * withdrawn theirs ({@code withdrew} says who has: their words are unreadable everywhere, and nothing new points at
     * them), and, for what they share {@code anonymously}, unless someone else told it: the story would name them.
     */
    void requireReferableBy(Caller referrer, boolean anonymously, Predicate<String> withdrew) {
        // As query-service reads it: a story is known to its teller, and to others only within its consent. Learning
        // is what the platform is for; one who works only as an analyst reads a story for research besides.
        if (!referrer.is(teller.personId()) && (!visibility.admits(teller, referrer.actor())
                || !purposes.contains(StoryPurpose.LEARNING)
                || readsForResearch(referrer) && !purposes.contains(StoryPurpose.RESEARCH))) {
            throw unknown();
        }
        if (withdrew.test(teller.personId())) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.story.teller-withdrew");
        }
        if (!purposes.contains(StoryPurpose.LEARNING)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.story.not-for-learning");
        }
        if (anonymously && referrer.is(teller.personId())) {
            throw CommandRefused.invalid("storyId", "refused.story.names-anonymous-author");
        }
    }

    /** Whether {@code caller} works only as an analyst, as query-service reads stories for them. */
    private static boolean readsForResearch(Caller caller) {
        return caller.has(Role.ANALYST) && !caller.has(Role.PRACTITIONER) && !caller.has(Role.FACILITATOR)
                && !caller.has(Role.LEADER);
    }

    boolean toldBy(String personId) {
        return teller.personId().equals(personId);
    }

    /** A story the referrer may not read is, to them, a story that does not exist. */
    static CommandRefused unknown() {
        return new CommandRefused(Refusal.NOT_FOUND, "refused.story.unknown");
    }

    private static List<StoryPurpose> sorted(Set<StoryPurpose> purposes) {
        return purposes.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(purposes));
    }

    @EventSourcingHandler
    void on(StoryRecorded event) {
        storyId = event.storyId();
        teller = event.actor().withoutName(); // no rule reads it, and a snapshot would keep it unsealed
        visibility = event.visibility();
        purposes = Set.copyOf(event.purposes());
    }

    @EventSourcingHandler
    void on(StoryConsentNarrowed event) {
        visibility = event.visibility();
        purposes = Set.copyOf(event.purposes());
    }
}
