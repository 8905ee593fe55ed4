package org.hls.command.person;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;

/**
 * @param reason why an administrator withdraws consent for someone else (their request, a safeguarding decision)
 */
public record WithdrawConsentRequest(@NotBlank @Size(max = 1000) @CleanText(multiline = true) String reason) {
}
