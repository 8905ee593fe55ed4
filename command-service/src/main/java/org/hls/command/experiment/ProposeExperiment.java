package org.hls.command.experiment;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;

public record ProposeExperiment(String experimentId,
                                String title,
                                String hypothesis,
                                List<String> themes,
                                String plannedEnding,
                                Visibility visibility,
                                Actor actor,
                                Instant occurredAt) {
}
