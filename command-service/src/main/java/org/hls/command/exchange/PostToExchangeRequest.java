package org.hls.command.exchange;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hls.command.web.CleanText;
import org.hls.events.Visibility;
import org.hls.events.exchange.ExchangeSide;

/**
 * @param side {@code WISH}: what I would like to learn; {@code OFFER}: what I am good at
 */
public record PostToExchangeRequest(@NotNull ExchangeSide side,
                                    @NotBlank @Size(max = 1000) @CleanText(multiline = true) String text,
                                    @NotNull @Size(min = 1, max = 10)
                                    List<@NotBlank @Size(max = 60) @CleanText String> themes,
                                    @NotNull Visibility visibility) {
}
