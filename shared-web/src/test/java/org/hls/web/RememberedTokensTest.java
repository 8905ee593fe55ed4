package org.hls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class RememberedTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-12-05T09:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong ticks = new AtomicLong();
    private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
    private final JwtDecoder signatures = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(ISSUED)
                .expiresAt(ISSUED.plus(Duration.ofMinutes(5))).build();
    };
    private final RememberedTokens tokens = new RememberedTokens(signatures, expiry, ticks::get);

    @Test
    void aTokenVerifiedAMomentAgoIsNotVerifiedAgain() {
        at(ISSUED.plusSeconds(1));

        assertThat(tokens.decode("token-a").getSubject()).isEqualTo("alice");
        assertThat(tokens.decode("token-a").getSubject()).isEqualTo("alice");
        tokens.decode("token-b");

        assertThat(verifications).as("once per token").hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        at(ISSUED.plusSeconds(1));
        tokens.decode("token-a");
        at(ISSUED.plus(Duration.ofMinutes(5)).plusSeconds(1));

        assertThatThrownBy(() -> tokens.decode("token-a")).isInstanceOf(JwtValidationException.class)
                .hasMessageStartingWith("An error occurred while attempting to decode the Jwt: Jwt expired at");
        assertThat(verifications).as("refused by its claims, not verified again").hasValue(1);
    }

    @Test
    void aTokenIsVerifiedAgainAMinuteAfterItsSignatureWas() {
        at(ISSUED.plusSeconds(1));
        tokens.decode("token-a");
        ticks.addAndGet(RememberedTokens.REMEMBERED.toNanos());

        tokens.decode("token-a");

        assertThat(verifications).as("its key may have been withdrawn meanwhile").hasValue(2);
    }

    @Test
    void aTokenThatFailedVerificationIsNotRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged-a")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged-a")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    private void at(Instant instant) {
        expiry.setClock(Clock.fixed(instant, ZoneOffset.UTC));
    }
}
