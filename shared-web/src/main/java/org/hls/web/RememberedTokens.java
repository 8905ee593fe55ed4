package org.hls.web;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Tokens whose signature was verified in the last {@link #REMEMBERED} are not verified again: a client sends the same
 * token with every command, and authenticating it (the RSA check and the parse) was a fifth of command-service's
 * request threads. Every other rule (expiry, issuer, audience, subject) is checked again at each use. A key the
 * issuer withdraws is refused by this instance once its key set is read again (at most five minutes: Nimbus's cache
 * of it, as Spring sets it up) and the tokens it verified are forgotten (a minute more at most).
 */
final class RememberedTokens implements JwtDecoder {

    static final Duration REMEMBERED = Duration.ofMinutes(1);
    /**
     * A few thousand people acting within a minute; a few MB at the size issuers sign tokens (1-2 KB with their
     * claims). Only tokens the issuer signed are kept, so nobody else can fill it.
     */
    static final int MAX_TOKENS = 2_000;

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Cache<String, Jwt> verified;

    RememberedTokens(JwtDecoder verifying, OAuth2TokenValidator<Jwt> rules, Ticker ticker) {
        this.verifying = verifying;
        this.rules = rules;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(REMEMBERED).ticker(ticker)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifying.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = rules.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(message(result), result.getErrors());
        }
        return known;
    }

    /** Worded as Spring's own decoder words a broken rule. */
    private static String message(OAuth2TokenValidatorResult result) {
        return result.getErrors().stream().map(OAuth2Error::getDescription)
                .filter(description -> description != null && !description.isEmpty()).findFirst()
                .map(description -> "An error occurred while attempting to decode the Jwt: " + description)
                .orElse("Unable to validate Jwt");
    }
}
