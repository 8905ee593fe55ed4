package org.hls.events.exchange;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SchemaVersion;
import org.hls.events.Theme;
import org.hls.events.Visibility;

/**
 * Someone posted to the learning exchange what they would like to learn (a wish) or are good at (an offer).
 */
@SchemaVersion(1)
public record ExchangePosted(String postId,
                             ExchangeSide side,
                             @PersonalData String text,
                             List<String> themes,
                             Visibility visibility,
                             Actor actor,
                             Instant occurredAt) implements DomainEvent {

    public ExchangePosted {
        themes = Theme.asCarried(themes);
    }
}
