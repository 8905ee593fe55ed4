package org.hls.command.person;

/**
 * @param withdrawn always {@code true}: the person's consent is withdrawn from now on
 */
public record ConsentResponse(String personId, boolean withdrawn) {
}
