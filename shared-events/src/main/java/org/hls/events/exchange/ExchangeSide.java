package org.hls.events.exchange;

/**
 * The two questions of the learning exchange.
 */
public enum ExchangeSide {
    /** "What are you good at?" */
    OFFER,
    /** "What would you like to learn?" */
    WISH
}
