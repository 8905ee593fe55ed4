package org.hls.command.experiment;

import org.hls.command.Caller;

/**
 * What other features may ask about an experiment when they decide.
 */
public interface Experiments {

    /**
     * Refuses, with the reason, unless the experiment exists and {@code referrer} may see it (as a reader, or as a
     * facilitator or leader of its organisation, who may change it): only then may learning be recorded within it.
     * What {@code referrer} shares {@code anonymously} may not be recorded within an experiment they proposed: its
     * timeline names its proposer beside the learning recorded within it.
     */
    void requireReferable(String experimentId, Caller referrer, boolean anonymously);
}
