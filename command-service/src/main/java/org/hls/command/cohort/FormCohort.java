package org.hls.command.cohort;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.PersonalData;

public record FormCohort(String cohortId,
                         @PersonalData String name,
                         List<String> themes,
                         Caller caller,
                         Instant occurredAt) {
}
