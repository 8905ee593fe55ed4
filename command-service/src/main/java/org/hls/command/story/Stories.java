package org.hls.command.story;

import org.hls.command.Caller;

/**
 * What other features may ask about a story when they decide.
 */
public interface Stories {

    /**
     * Refuses, with the reason, unless the story exists, {@code referrer} may read it, and its consent covers
     * learning (and research, for one who works only as an analyst): only then may an experiment or a learning entry
     * refer to it. What {@code referrer} shares
     * {@code anonymously} may not refer to a story they told: the story names its teller.
     */
    void requireReferable(String storyId, Caller referrer, boolean anonymously);

    /** Whether {@code personId} told the story (one that does not exist was told by nobody). */
    boolean toldBy(String storyId, String personId);
}
