package org.hls.command.person;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

/**
 * @param reason why, when an administrator withdraws for someone else; {@code null} for oneself
 */
public record WithdrawConsent(@TargetAggregateIdentifier String personId,
                              String reason,
                              Caller caller,
                              Instant occurredAt) {
}
