package org.hls.command.person;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hls.command.Caller;

/**
 * @param reason             why, when an administrator withdraws for someone else; {@code null} for oneself
 * @param personOrganisation the person's organisation as the platform knows it; {@code null} when it does not
 */
public record WithdrawConsent(@TargetAggregateIdentifier String personId,
                              String personOrganisation,
                              String reason,
                              Caller caller,
                              Instant occurredAt) {
}
