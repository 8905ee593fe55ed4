package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hls.events.learning.LearningRecorded;
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

    /** Found in review: composed before lower case, "J" and a combining caron changed again on a second pass. */
    @Test
    void aThemeAsCarriedIsTheSameAfterASecondPass() {
        for (String typed : List.of("J\u030C", "H\u0331", "T\u0308", "W\u030A", "Y\u030A", "\u0130stanbul",
                "Cafe\u0301", "Family  Support")) {
            String once = Theme.canonical(typed);
            assertThat(Theme.canonical(once)).as(typed).isEqualTo(once);
        }
    }

    @Test
    void aThemeOfSpacesAloneIsEmpty() {
        assertThat(Theme.canonical(" \u00A0 ")).isEmpty();
    }

    @Test
    void aThemeAlreadyAsCarriedIsKeptAsItIs() {
        for (String theme : List.of("housing", "family support", "mental-health", "caf\u00e9", "a", "year 7 & 8")) {
            assertThat(Theme.canonical(theme)).isEqualTo(theme);
        }
    }

    @Test
    void themesAsCarriedAreEachCanonicalNoneBlankNoneTwice() {
        assertThat(Theme.asCarried(List.of("Housing", " ", "family  support", "housing", "Family Support")))
                .containsExactly("housing", "family support");
    }

    /**
     * Found in review: history imported as it was given, or recorded before runs of spaces were made one, carried
     * themes no filter would find. An event read carries them as the command side records them now.
     */
    @Test
    void anEventReadCarriesItsThemesAsTheCommandSideRecordsThemWhateverItsStoredTextSays() {
        String stored = """
                {"eventId":"e-1","type":"LearningRecorded","schemaVersion":%d,"aggregateId":"l-1","sequenceNumber":0,
                 "globalPosition":0,"occurredAt":"2025-03-04T10:00:00Z","recordedAt":"2025-03-04T10:00:00Z",
                 "payload":{"learningId":"l-1","kind":"REFLECTION","summary":"Old","themes":["Family  Support",
                 "housing","Housing"],"perspective":"PRACTITIONER","visibility":"TEAM",
                 "actor":{"personId":"alice","name":"Alice","organisation":"org-a","team":"team-1","place":"fife"},
                 "occurredAt":"2025-03-04T10:00:00Z"}}""".formatted(EventTypes.schemaVersionOf(LearningRecorded.class))
                .replace("\n", "");

        LearningRecorded read = (LearningRecorded) EventJson.payloadOf(EventJson.read(stored.getBytes(
                StandardCharsets.UTF_8)));

        assertThat(read.themes()).containsExactly("family support", "housing");
    }
}
