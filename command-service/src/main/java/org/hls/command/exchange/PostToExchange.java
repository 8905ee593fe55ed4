package org.hls.command.exchange;

import java.time.Instant;
import java.util.List;

import org.hls.command.Caller;
import org.hls.events.PersonalData;
import org.hls.events.Visibility;
import org.hls.events.exchange.ExchangeSide;

public record PostToExchange(String postId,
                             ExchangeSide side,
                             @PersonalData String text,
                             List<String> themes,
                             Visibility visibility,
                             Caller caller,
                             Instant occurredAt) {
}
