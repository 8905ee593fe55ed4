package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.SpokenFor;

/**
 * Who committed to an action (or the facilitator for them) said how far it got: at the next session, and again at a
 * later one while it was only partly done or not done.
 */
@SchemaVersion(2)
public record ActionUpdated(String setId,
                            int sessionNumber,
                            String actionId,
                            String committedBy,
                            ActionStatus status,
                            @PersonalData String note,
                            Actor actor,
                            Instant occurredAt) implements DomainEvent, SaidInASet, SpokenFor {

    /**
     * Who committed to the action: the note is theirs. A version 1 update names nobody ({@code committedBy} absent),
     * and its note is its writer's.
     */
    @Override
    public String speaker() {
        return committedBy != null ? committedBy : actor.personId();
    }
}
