package org.hls.events.experiment;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A started experiment ended with a decision, what was learnt, and how its planned ending went for the people in it.
 *
 * @param ending     how the planned ending went, or {@code null} when not said (absent before version 2)
 * @param endingNote what happened to the people involved, or {@code null} (absent before version 2)
 */
@SchemaVersion(2)
public record ExperimentConcluded(String experimentId,
                                  Outcome outcome,
                                  @PersonalData String summary,
                                  Ending ending,
                                  @PersonalData String endingNote,
                                  Actor actor,
                                  Instant occurredAt) implements DomainEvent {
}
