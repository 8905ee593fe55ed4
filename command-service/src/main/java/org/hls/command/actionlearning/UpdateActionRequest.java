package org.hls.command.actionlearning;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.command.web.Ids;
import org.hls.events.actionlearning.ActionStatus;

/**
 * @param note optional
 */
public record UpdateActionRequest(@NotNull @Size(max = 64)
                                  @Pattern(regexp = Ids.SHAPE, message = "{validation.id.action}") String actionId,
                                  @NotNull ActionStatus status,
                                  @Size(max = 2000) @CleanText(multiline = true) String note) {
}
