package org.hls.command.experiment;

import jakarta.validation.constraints.NotNull;
import org.hls.events.Visibility;

/**
 * @param visibility the wider visibility to share the experiment with
 */
public record AmplifyExperimentRequest(@NotNull Visibility visibility) {
}
