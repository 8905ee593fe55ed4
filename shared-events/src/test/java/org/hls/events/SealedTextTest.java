package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SealedTextTest {

    private final byte[] key = SealedText.newKey();

    @Test
    void sealedWordsOpenWithTheirPersonsKeyAndShowNothingOfThemselves() {
        String sealed = SealedText.seal(key, "alice", "Drop-in hours worked for Sam");

        assertThat(sealed).startsWith(SealedText.PREFIX).doesNotContain("Drop-in", "Sam");
        assertThat(SealedText.isSealed(sealed)).isTrue();
        assertThat(SealedText.open(key, "alice", sealed)).contains("Drop-in hours worked for Sam");
    }

    @Test
    void theSameWordsSealTwiceDifferently() {
        assertThat(SealedText.seal(key, "alice", "same")).isNotEqualTo(SealedText.seal(key, "alice", "same"));
    }

    @Test
    void anotherKeyOrAnotherPersonOpensNothing() {
        String sealed = SealedText.seal(key, "alice", "mine");

        assertThat(SealedText.open(SealedText.newKey(), "alice", sealed)).isEmpty();
        assertThat(SealedText.open(key, "bob", sealed)).isEmpty();
    }

    @Test
    void anAlteredOrTruncatedTextOpensNothing() {
        String sealed = SealedText.seal(key, "alice", "mine");
        // A character in the middle carries whole bits of the sealed bytes (the last one may carry unused ones).
        int middle = SealedText.PREFIX.length() + (sealed.length() - SealedText.PREFIX.length()) / 2;
        char altered = sealed.charAt(middle) == 'A' ? 'B' : 'A';

        assertThat(SealedText.open(key, "alice", sealed.substring(0, middle) + altered
                + sealed.substring(middle + 1))).isEmpty();
        assertThat(SealedText.open(key, "alice", SealedText.PREFIX + "AAAA")).isEmpty();
        assertThat(SealedText.open(key, "alice", SealedText.PREFIX + "not base64!")).isEmpty();
    }

    @Test
    void wordsStoredBeforeSealingAreNotSealed() {
        assertThat(SealedText.isSealed("plain words")).isFalse();
        assertThat(SealedText.isSealed(null)).isFalse();
    }
}
