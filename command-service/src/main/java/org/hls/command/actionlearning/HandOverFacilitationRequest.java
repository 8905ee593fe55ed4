package org.hls.command.actionlearning;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hls.command.web.Ids;

public record HandOverFacilitationRequest(@NotNull @Size(max = 128)
                                          @Pattern(regexp = Ids.PERSON, message = "{validation.id.person}")
                                          String facilitator) {
}
