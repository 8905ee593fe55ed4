package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThemeTest {

    @Test
    void aThemeIsInLowerCaseWithoutSurroundingSpaces() {
        assertThat(Theme.canonical("  Family Support\t")).isEqualTo("family support");
    }

    @Test
    void eachRunOfSpacesOfAnyKindWithinAThemeIsOneSpace() {
        // Typed on a phone twice over, and on a Mac with a no-break space: one theme.
        assertThat(Theme.canonical("family  support")).isEqualTo("family support");
        assertThat(Theme.canonical("family\u00A0support")).isEqualTo("family support");
        assertThat(Theme.canonical("family \u2003\n support")).isEqualTo("family support");
    }

    @Test
    void anAccentTypedAsTwoCharactersIsTheAccentedLetter() {
        assertThat(Theme.canonical("Cafe\u0301")).isEqualTo("caf\u00e9");
    }

    @Test
    void aThemeOfSpacesAloneIsEmpty() {
        assertThat(Theme.canonical(" \u00A0 ")).isEmpty();
    }
}
