package org.hls.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Ticker;
import org.hls.events.Actor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The tokens both services trust, decided in one place. */
public final class TrustedTokens {

    private TrustedTokens() {
    }

    /**
     * Only tokens signed (RS256) by the configured issuer's keys, naming that issuer and this platform as their
     * audience, with an expiry that has not passed; a token without {@code exp} is refused, and so is one whose subject
     * reads as a pseudonym (it would pass for the author of learning shared without a name). Without an issuer the
     * service does not start, rather than trust whatever answers on a default address. A signature verified in the
     * last minute is not verified again ({@link RememberedTokens}); the rules are checked at every use.
     */
    public static JwtDecoder decoder(String jwkSetUri, String issuer, List<String> audiences) {
        if (jwkSetUri.isBlank() || issuer.isBlank()) {
            throw new IllegalStateException("Set JWKS_URI and JWT_ISSUER to the keys and the name of the issuer "
                    + "whose tokens to trust (./run.sh sets both for the embedded default).");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> rules = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.stream().anyMatch(audiences::contains)),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> !Actor.isPseudonym(subject)));
        decoder.setJwtValidator(rules);
        return new RememberedTokens(decoder, rules, Ticker.systemTicker());
    }
}
