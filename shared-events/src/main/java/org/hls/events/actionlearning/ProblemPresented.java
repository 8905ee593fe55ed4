package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.SpokenFor;

/**
 * A member brought a real, current problem to the session. Version 2 seals the problem with the presenter's key,
 * whoever wrote it down; version 1 with its writer's.
 */
@SchemaVersion(2)
public record ProblemPresented(String setId,
                               int sessionNumber,
                               String presenter,
                               @PersonalData String problem,
                               Actor actor,
                               Instant occurredAt) implements DomainEvent, SaidInASet, SpokenFor {

    @Override
    public String speaker() {
        return presenter;
    }
}
