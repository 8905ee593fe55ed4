package org.hls.command.experiment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.Visibility;

public record ProposeExperiment(String experimentId,
                                String title,
                                String hypothesis,
                                List<String> themes,
                                String plannedEnding,
                                LocalDate endsBy,
                                String storyId,
                                Visibility visibility,
                                Caller caller,
                                Instant occurredAt) {
}
