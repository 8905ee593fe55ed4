package org.hls.command.learning;

import jakarta.validation.constraints.NotNull;
import org.hls.events.Visibility;

/**
 * @param visibility the wider visibility to share the learning with
 */
public record AmplifyLearningRequest(@NotNull Visibility visibility) {
}
