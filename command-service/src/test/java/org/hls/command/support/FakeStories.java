package org.hls.command.support;

import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.story.Stories;

/** Stories that are, or are not, referable, as the test says; none told by anyone who refers to them. */
public final class FakeStories implements Stories {

    public boolean referable;

    @Override
    public void requireReferable(String storyId, Caller referrer, boolean anonymously) {
        if (!referable) {
            throw new CommandRefused(Refusal.NOT_FOUND, "refused.story.unknown");
        }
    }

    @Override
    public boolean toldBy(String storyId, String personId) {
        return false;
    }
}
