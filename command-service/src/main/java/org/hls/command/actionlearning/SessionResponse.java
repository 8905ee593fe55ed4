package org.hls.command.actionlearning;

public record SessionResponse(String setId, int sessionNumber) {
}
