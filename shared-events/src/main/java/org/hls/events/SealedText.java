package org.hls.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A person's words as events carry them ({@link PersonalData}): sealed with that person's own key, so destroying the
 * key when they withdraw consent makes the words unreadable in every copy of every event, while the events never
 * change.
 * <p>
 * AES-256-GCM from the JDK (an AEAD: a sealed text cannot be altered or moved to another person unnoticed, because the
 * person's id is authenticated with it); a fresh 96-bit nonce per text, which stays far from GCM's limits at the
 * number of texts one person writes. The JDK's own cipher needs no library and no native code; a managed key service
 * can hold the keys instead without changing this format.
 */
public final class SealedText {

    /** What a person's words read once they withdrew consent: stored so, and shown so, by both services. */
    public static final String WITHDRAWN = "[withdrawn]";

    /** What a sealed text begins with: the scheme and its version. */
    public static final String PREFIX = "sealed:v1:";

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedText() {
    }

    /** A new key for one person. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** {@code text} sealed with {@code personId}'s {@code key}. */
    public static String seal(byte[] key, String personId, String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, personId, nonce);
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] both = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, both, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(both);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Whether {@code text} is sealed, rather than words stored before they were. */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The words {@code sealed} holds, or empty unless {@code key} is the one they were sealed with for the person. */
    public static Optional<String> open(byte[] key, String personId, String sealed) {
        try {
            byte[] both = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (both.length < NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, personId, Arrays.copyOf(both, NONCE_BYTES));
            return Optional.of(new String(cipher.doFinal(both, NONCE_BYTES, both.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, byte[] key, String personId, byte[] nonce)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
