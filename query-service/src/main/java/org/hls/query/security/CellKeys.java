package org.hls.query.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deployment's secret that turns the records of one team a figure counts into that team's part of its noise
 * (HMAC-SHA256 of their count and key sum, or of one record's position for its threshold): without it, knowing
 * which records a figure holds does not tell how far it was moved. Every instance of query-service must be given the
 * same secret, or two instances would show two draws of one figure.
 */
public final class CellKeys {

    private final byte[] secret;
    private final ThreadLocal<Mac> macs;

    private CellKeys(byte[] secret) {
        this.secret = secret;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
            }
        });
    }

    /** The keys of {@code secret}, which must not be blank. */
    public static CellKeys of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("Set SMALL_NUMBERS_KEY to a secret shared by every instance of "
                    + "query-service (./run.sh sets one for the embedded default).");
        }
        return new CellKeys(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A number drawn, always the same, for {@code count} records whose keys add up to {@code keys}. */
    int draw(long count, int keys) {
        return draw(ByteBuffer.allocate(1 + Long.BYTES + Integer.BYTES).put((byte) 0).putLong(count).putInt(keys));
    }

    /**
     * A number drawn, always the same, for the record at {@code position} and the {@code purpose} it is drawn for
     * (from 1): each purpose draws apart, so that one figure's draw for a record tells nothing of another's.
     */
    int drawFor(byte purpose, long position) {
        return draw(ByteBuffer.allocate(1 + Long.BYTES).put(purpose).putLong(position));
    }

    private int draw(ByteBuffer input) {
        return ByteBuffer.wrap(macs.get().doFinal(input.array())).getInt();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CellKeys keys && Arrays.equals(secret, keys.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "CellKeys[secret not shown]";
    }
}
