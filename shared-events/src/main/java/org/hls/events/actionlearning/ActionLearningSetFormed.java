package org.hls.events.actionlearning;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A facilitator and 3 to 8 members formed an action learning set; all its content stays within them. Its name is its
 * former's words: sealed with their key, unreadable once they withdraw consent.
 */
@SchemaVersion(2)
public record ActionLearningSetFormed(String setId,
                                      @PersonalData String name,
                                      String facilitator,
                                      List<String> members,
                                      Actor actor,
                                      Instant occurredAt) implements DomainEvent {

    public ActionLearningSetFormed {
        members = List.copyOf(members);
    }
}
