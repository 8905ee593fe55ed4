package org.hls.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.Test;

class ProjectionGenerationsTest extends ProjectionTest {

    /**
     * Found by review: the generation before was only kept for one rebuild, so a second rebuild in the newer shape,
     * while the roll was still going on, dropped the generation the older release's instances still read.
     */
    @Test
    void theLastGenerationOfAnotherShapeStaysTheOneBeforeHoweverOftenThisShapeIsRebuilt() {
        ProjectionGenerations generations = new ProjectionGenerations(database);
        generations.register("feed", false, 1);
        generations.makeLive("feed", 3, "older", true, 1);

        generations.makeLive("feed", 4, "newer", true, 2);
        assertThat(generations.stored().get("feed").previousLive()).isEqualTo(3);
        generations.makeLive("feed", 5, "newer", true, 2);
        generations.makeLive("feed", 6, "newer", true, 2);

        assertThat(generations.stored().get("feed").live()).isEqualTo(6);
        assertThat(generations.stored().get("feed").previousLive()).as("the older release's").isEqualTo(3);
    }
}
