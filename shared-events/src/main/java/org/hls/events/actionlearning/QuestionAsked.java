package org.hls.events.actionlearning;

import java.time.Instant;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;

/**
 * A supporter asked the presenter an open question (only questions: no advice).
 */
@SchemaVersion(1)
public record QuestionAsked(String setId,
                            int sessionNumber,
                            @PersonalData String text,
                            Actor actor,
                            Instant occurredAt) implements DomainEvent, SaidInASet {
}
