package org.hls.query.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.mongodb.client.MongoDatabase;
import org.hls.query.projection.EventStoreAccess;
import org.hls.query.projection.EventStoreReplay;
import org.hls.query.projection.ProjectedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The history every dashboard and analysis of this instance reads, and its rebuilds.
 * <p>
 * On start it reads its checkpoint back and follows the topic from there (the first time, from the topic's
 * beginning). A rebuild builds a new history beside it, from the topic's beginning or from the event store, while
 * the live one keeps answering; once the new one has read everything, the live one stops, the new one reads the
 * topic as far as the old one had and becomes the live history in one step: no reader ever waits.
 */
@Component
public class LiveHistory implements SmartLifecycle, Supplier<History> {

    private static final Logger log = LoggerFactory.getLogger(LiveHistory.class);

    private final HistoryCheckpoints checkpoints;
    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final EventStoreAccess eventStores;
    /** Looked up when told: the dashboards' stream both observes this history and reads it. */
    private final ObjectProvider<HistoryObserver> observers;
    private volatile List<HistoryObserver> resolvedObservers;
    private final Clock clock;
    private final AtomicReference<HistoryFeed> live = new AtomicReference<>();
    private final Object rebuilding = new Object();
    private HistoryFeed rebuild;
    private String rebuildSource;
    private RebuildStatus lastRebuild;
    private HistoryFeed stoppedForSwitch;

    LiveHistory(MongoDatabase viewsDatabase, KafkaProperties kafka, @Value("${hls.kafka.topic}") String topic,
                @Value("${hls.history.checkpoint-id}") String checkpointId,
                EventStoreAccess eventStores,
                ObjectProvider<HistoryObserver> observers,
                Clock clock) {
        this.checkpoints = new HistoryCheckpoints(viewsDatabase, checkpointId);
        this.consumerProperties = kafka.buildConsumerProperties();
        this.topic = topic;
        this.eventStores = eventStores;
        this.observers = observers;
        this.clock = clock;
    }

    @Override
    public History get() {
        return live.get().history();
    }

    /** Whether the live history has read the topic up to where it ended when this instance started. */
    public boolean isReady() {
        HistoryFeed feed = live.get();
        return feed != null && feed.isCaughtUp();
    }

    /** The live history, once it is ready. @throws HistoryNotReady until then */
    public History ready() {
        if (!isReady()) {
            throw new HistoryNotReady(events());
        }
        return get();
    }

    /** The Kafka offset from which the live history reads each partition next; -1 where it does not know. */
    public long[] offsets() {
        return live.get().history().offsets();
    }

    /**
     * Whether the live history was built from a topic that had lost its earliest events (its retention ran out): it
     * lacks them until it is rebuilt from the event store.
     */
    public boolean isIncomplete() {
        return live.get().isIncomplete();
    }

    /**
     * How the live history follows the topic now: behind by how many events when the broker last answered, when that
     * was, and what holds it (a failure that ended it, the broker or store away, an event it cannot read), if anything.
     */
    public Following following() {
        HistoryFeed feed = live.get();
        if (feed == null) {
            return new Following(-1, null, "not started");
        }
        Throwable failure = feed.failure();
        return new Following(feed.lag(), feed.polledAt(), failure != null ? "stopped: " + failure.getMessage()
                : !feed.isRunning() ? "stopped" : feed.held());
    }

    /**
     * @param lag      events the broker held beyond what the history had applied when it last answered; -1 before
     * @param polledAt when the broker last answered, or {@code null}
     * @param held     what keeps it from following (a failure that ended it included), or {@code null}
     */
    public record Following(long lag, Instant polledAt, String held) {
    }

    /** What ended the live history, or {@code null} while it runs (or was stopped): it never starts again by itself. */
    public Throwable endedOn() {
        HistoryFeed feed = live.get();
        return feed == null ? null : feed.failure();
    }

    /** How many events the live history holds. */
    public long events() {
        return get().applied();
    }

    @Override
    public void start() {
        long generation = checkpoints.liveGeneration();
        if (generation == 0) {
            generation = 1;
            checkpoints.makeLive(generation, 0);
        }
        HistoryFeed feed = restoredFeed(generation);
        live.set(feed);
        start(feed);
    }

    @Override
    public void stop() {
        HistoryFeed running;
        synchronized (rebuilding) {
            running = rebuild;
        }
        if (running != null) {
            running.stop();
        }
        live.get().stop();
    }

    /** Before the web server starts and after it stops: no request finds it not yet there, or gone. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        HistoryFeed feed = live.get();
        return feed != null && feed.isRunning();
    }

    /**
     * Starts a rebuild beside the live history: from the topic's beginning, or (given {@code eventStore}, read as
     * this service or the platform operator who asked) from the event store itself, then the topic.
     *
     * @throws RebuildRunning when one is running already
     */
    public RebuildStatus rebuild(EventStoreReplay eventStore) {
        synchronized (rebuilding) {
            if (rebuild != null) {
                throw new RebuildRunning("history");
            }
            long generation = Math.max(checkpoints.liveGeneration(), live.get().generation()) + 1;
            rebuild = feed(generation, eventStore);
            rebuildSource = eventStore == null ? "topic" : "event-store";
            rebuild.afterEachPoll(this::switchOnceCaughtUp);
            start(rebuild);
            return statusOf(rebuild, rebuildSource, "running");
        }
    }

    /** The rebuild running, or else the last one, or {@code null} when there was none. */
    public RebuildStatus rebuildStatus() {
        synchronized (rebuilding) {
            return rebuild != null ? statusOf(rebuild, rebuildSource, "running") : lastRebuild;
        }
    }

    /**
     * On the rebuild's thread, after each poll: once it has read everything, the live history stops; once the
     * rebuild has read the topic as far as the stopped one had, it becomes the live history.
     */
    private void switchOnceCaughtUp(HistoryFeed candidate) {
        HistoryFeed current = live.get();
        if (stoppedForSwitch == null) {
            if (!candidate.hasNoLag()) {
                return;
            }
            current.stop();
            stoppedForSwitch = current;
        }
        if (candidate.history().hasRead(stoppedForSwitch.history().offsets())) {
            live.set(candidate);
            checkpoints.makeLive(candidate.generation(), stoppedForSwitch.generation());
            synchronized (rebuilding) {
                lastRebuild = statusOf(candidate, rebuildSource, "finished");
                rebuild = null;
                stoppedForSwitch = null;
            }
            candidate.afterEachPoll(feed -> { });
            log.info("The rebuilt history of generation {} is live, with {} events", candidate.generation(),
                    candidate.history().applied());
        }
    }

    /** A rebuild that ended without becoming live failed: the live history goes on (again, if it was stopped). */
    private void ended(HistoryFeed feed) {
        synchronized (rebuilding) {
            if (feed != rebuild) {
                return;
            }
            Throwable failure = feed.failure();
            lastRebuild = new RebuildStatus(rebuildSource, "failed", feed.startedAt(), feed.history().applied(),
                    feed.expected(), 0, null, failure == null ? "stopped" : failure.getMessage());
            rebuild = null;
            if (stoppedForSwitch != null) {
                HistoryFeed restarted = restoredFeed(stoppedForSwitch.generation());
                live.set(restarted);
                stoppedForSwitch = null;
                start(restarted);
            }
        }
    }

    private RebuildStatus statusOf(HistoryFeed feed, String source, String state) {
        long done = feed.history().applied();
        long expected = feed.expected();
        double seconds = feed.startedAt() == null ? 0
                : Duration.between(feed.startedAt(), clock.instant()).toMillis() / 1000.0;
        double rate = seconds > 0 ? done / seconds : 0;
        Long left = "running".equals(state) && rate > 0 && expected > 0
                ? Math.round(Math.max(0, expected - done) / rate) : null;
        return new RebuildStatus(source, state, feed.startedAt(), done, expected, Math.round(rate * 10) / 10.0,
                left, null);
    }

    /**
     * Builds the live history again in a generation of its own, as on a first start, when its checkpoint cannot be read
     * back: a restart would meet the same checkpoint, and never be ready.
     */
    private void buildAgain(HistoryFeed unreadable, CheckpointUnreadable why) {
        long generation = Math.max(checkpoints.liveGeneration(), unreadable.generation()) + 1;
        log.error("The history's checkpoint cannot be read ({}): it is built again in generation {}", why.getMessage(),
                generation);
        checkpoints.makeLive(generation, unreadable.generation());
        HistoryFeed again = restoredFeed(generation);
        if (live.compareAndSet(unreadable, again)) {
            start(again);
        }
    }

    /** From its checkpoint; without one, from the event store too if the topic lacks the beginning and it may. */
    private HistoryFeed restoredFeed(long generation) {
        return feed(generation, null).restoringCheckpoint()
                .orFromEventStoreIfTopicLostRecords(eventStores.asService().orElse(null));
    }

    private HistoryFeed feed(long generation, EventStoreReplay replay) {
        return new HistoryFeed(generation, checkpoints, consumerProperties, topic, replay, this::tellObservers,
                clock);
    }

    private void tellObservers(List<ProjectedEvent> events) {
        List<HistoryObserver> told = resolvedObservers;
        if (told == null) {
            told = observers.orderedStream().toList();
            resolvedObservers = told;
        }
        told.forEach(observer -> observer.applied(events));
    }

    private void start(HistoryFeed feed) {
        Thread thread = new Thread(() -> {
            feed.run();
            if (feed.failure() instanceof CheckpointUnreadable unreadable && feed == live.get()) {
                buildAgain(feed, unreadable);
                return;
            }
            ended(feed);
        }, "history-" + feed.generation());
        thread.setDaemon(true);
        thread.start();
    }
}
