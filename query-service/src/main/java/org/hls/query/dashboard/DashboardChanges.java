package org.hls.query.dashboard;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * The projection's signal that the dashboard changed. Setting it never blocks; the stream picks it up on its own
 * schedule, so a burst of events becomes one push.
 */
@Component
public class DashboardChanges {

    private final AtomicBoolean changed = new AtomicBoolean();

    public void changed() {
        changed.set(true);
    }

    boolean takeChange() {
        return changed.getAndSet(false);
    }
}
