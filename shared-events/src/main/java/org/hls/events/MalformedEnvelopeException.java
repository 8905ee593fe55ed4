package org.hls.events;

/**
 * A message that cannot be read as a known event: retrying it will never help.
 */
public class MalformedEnvelopeException extends RuntimeException {

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
