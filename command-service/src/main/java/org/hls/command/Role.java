package org.hls.command;

/**
 * What a person does in the system, as their token's {@code roles} claim says.
 */
public enum Role {
    PRACTITIONER,
    FACILITATOR,
    LEADER,
    ANALYST,
    ADMIN
}
