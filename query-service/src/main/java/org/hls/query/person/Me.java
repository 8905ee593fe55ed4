package org.hls.query.person;

/**
 * Who the caller is to the platform, as the page needs it on return: whether they withdrew their consent (then
 * nothing new of theirs is recorded, and what they wrote reads {@code [withdrawn]}).
 */
public record Me(String personId, boolean consentWithdrawn) {
}
