package org.hls.query.exchange;

import java.util.List;

/**
 * A theme on which someone offers what someone else would like to learn.
 */
public record ExchangeMatch(String theme, List<Post> offers, List<Post> wishes) {

    public record Post(String postId, String text, String authorName, String organisation) {
    }
}
