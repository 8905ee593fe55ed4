package org.hls.events.experiment;

import java.time.Instant;
import java.time.LocalDate;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A running experiment changed what it tries, and said why.
 *
 * @param endsBy the day it now plans to end by, or {@code null} when that stays as it was (absent before version 2)
 */
@SchemaVersion(2)
public record ExperimentAdapted(String experimentId,
                                @PersonalData String change,
                                @PersonalData String reason,
                                LocalDate endsBy,
                                Actor actor,
                                Instant occurredAt) implements DomainEvent {
}
