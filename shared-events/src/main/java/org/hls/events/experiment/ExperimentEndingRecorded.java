package org.hls.events.experiment;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * How a concluded experiment's planned ending went for the people in it, said once it had happened: its conclusion
 * said it had not yet, or said nothing of it.
 *
 * @param ending     how the planned ending went: {@code AS_PLANNED} or {@code CHANGED}
 * @param endingNote what happened to the people involved, or {@code null}
 */
@SchemaVersion(1)
public record ExperimentEndingRecorded(String experimentId,
                                       Ending ending,
                                       @PersonalData String endingNote,
                                       Actor actor,
                                       Instant occurredAt) implements DomainEvent {
}
