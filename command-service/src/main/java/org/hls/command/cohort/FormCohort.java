package org.hls.command.cohort;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;

public record FormCohort(String cohortId,
                         String name,
                         List<String> themes,
                         Caller caller,
                         Instant occurredAt) {
}
