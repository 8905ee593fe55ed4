package org.hls.command.actionlearning;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.command.web.Ids;

/**
 * @param facilitator the person id (token subject) of the facilitator, who is not a member
 * @param members     the person ids of 3 to 8 members
 */
public record FormActionLearningSetRequest(@NotBlank @Size(max = 200) @CleanText String name,
                                           @NotNull @Size(max = 128)
                                           @Pattern(regexp = Ids.PERSON, message = "{validation.id.person}")
                                           String facilitator,
                                           @NotNull @Size(max = 50)
                                           List<@NotNull @Size(max = 128)
                                           @Pattern(regexp = Ids.PERSON, message = "{validation.id.person}")
                                           String> members) {
}
