package org.hls.command.cohort;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

public record FormCohortRequest(@NotBlank @Size(max = 200) @CleanText String name,
                                @NotNull @Size(max = 10) List<@NotBlank @Size(max = 60) @CleanText String> themes) {
}
