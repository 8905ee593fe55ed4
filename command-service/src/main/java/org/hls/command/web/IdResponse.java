package org.hls.command.web;

/**
 * The answer to an accepted command: the id of what it created or changed.
 */
public record IdResponse(String id) {
}
