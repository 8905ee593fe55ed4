package org.hls.command.experiment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.Visibility;

public record ProposeExperiment(String experimentId,
                                @PersonalData String title,
                                @PersonalData String hypothesis,
                                List<String> themes,
                                @PersonalData String plannedEnding,
                                LocalDate endsBy,
                                String storyId,
                                Visibility visibility,
                                Caller caller,
                                Instant occurredAt) {
}
