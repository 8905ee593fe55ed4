package org.hls.command.experiment;

import org.hls.events.Actor;

/**
 * What other features may ask about an experiment when they decide.
 */
public interface Experiments {

    /** Whether the experiment exists and {@code reader} may see it. */
    boolean isVisibleTo(String experimentId, Actor reader);
}
