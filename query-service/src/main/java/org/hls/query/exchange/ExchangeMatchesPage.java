package org.hls.query.exchange;

import java.util.List;

/**
 * A page of exchange matches: on each side of each theme, a page of its posts, newest first.
 *
 * @param hasNext whether a later page holds more posts on some side
 */
public record ExchangeMatchesPage(List<ExchangeMatch> matches, boolean hasNext) {
}
