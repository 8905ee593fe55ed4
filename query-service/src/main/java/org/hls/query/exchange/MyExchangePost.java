package org.hls.query.exchange;

import java.util.List;

/**
 * A post of the caller's own on the learning exchange, to take back.
 *
 * @param side {@code OFFER} (what they are good at) or {@code WISH} (what they would like to learn)
 */
public record MyExchangePost(String postId, String side, String text, List<String> themes, String visibility,
                             long at) {
}
