package org.hls.infra.embedded;

import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Makes the store's file hold every change applied so far, shared by everyone waiting: a writer that asks for
 * durability takes a ticket after its change is applied, and whoever commits next commits and syncs for every ticket
 * taken before it started. Under load, many acknowledgements share one file sync.
 * <p>
 * A commit always has a change to store (a counter in a map of its own), so it always waits for the store's own
 * background writes queued before it: a change the background writer already took is on the disk too.
 */
final class GroupCommit {

    private final MVStore store;
    private final MVMap<String, Long> commits;
    private final ReentrantLock committing = new ReentrantLock();
    private final Object tickets = new Object();
    private long taken;
    private volatile long durable;

    GroupCommit(MVStore store) {
        this.store = store;
        this.commits = store.openMap("hls.durable-commits");
    }

    /** Returns once every change applied before this call is committed to the file and synced. */
    void awaitDurable() {
        long ticket;
        synchronized (tickets) {
            ticket = ++taken;
        }
        committing.lock();
        try {
            if (durable >= ticket) {
                return;
            }
            long upTo;
            synchronized (tickets) {
                upTo = taken;
            }
            commits.put("commits", upTo);
            store.commit();
            store.sync();
            durable = upTo;
        } finally {
            committing.unlock();
        }
    }
}
