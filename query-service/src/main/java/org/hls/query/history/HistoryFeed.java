package org.hls.query.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import com.mongodb.MongoException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hls.events.NewerEventException;
import org.hls.query.projection.EventStoreReplay;
import org.hls.query.projection.ProjectedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link History} and keeps it up to date, on a thread of its own: first from its checkpoint, or from the
 * event store when it is rebuilt from there, then from every partition of the topic, for as long as it runs. It
 * reads the topic with a consumer of its own that is assigned every partition (no consumer group): every instance
 * of the service holds the whole history. It saves what it applied every few seconds.
 */
final class HistoryFeed implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HistoryFeed.class);
    private static final int SAVE_AFTER_FACTS = 4096;
    private static final Duration SAVE_EVERY = Duration.ofSeconds(5);
    /** How often the broker is asked how far the topic goes while the history follows it, and how long it has. */
    private static final Duration ASK_THE_BROKER_EVERY = Duration.ofSeconds(15);
    private static final Duration BROKER_ANSWERS_WITHIN = Duration.ofSeconds(2);
    /** How long a poll waits for events: one returns as soon as there are some, so this only paces an idle loop. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** How long it waits at an event this release cannot read before it reads the topic again. */
    private static final Duration WAIT_FOR_A_NEWER_RELEASE = Duration.ofSeconds(10);

    private final History history;
    private final long generation;
    private final HistoryCheckpoints checkpoints;
    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final Consumer<List<ProjectedEvent>> observer;
    private final EventStoreReplay replay;
    private final Clock clock;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Fact> unsaved = new ArrayList<>();
    /** The event it waits at, as its refusal names it (logged once). */
    private String waitingAt;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Consumer<HistoryFeed> afterPoll = feed -> { };
    private volatile Instant startedAt;
    /**
     * Where each partition of the topic ended as a replay from the event store began, which the topic is read from
     * after it: what was published before was stored before, and is in the replay. {@code null} without a replay.
     */
    private long[] handOff;
    /** From a replay's start until the topic is read after it: a checkpoint saved meanwhile says it was cut short. */
    private boolean replaying;
    private volatile long expected;
    private volatile Throwable failure;
    /** Why it cannot follow the topic now (the broker or the store away, an event it cannot read), or null. */
    private volatile String held;
    /** Events the broker held beyond what it had applied when it last answered (every few seconds); -1 before. */
    private volatile long lag = -1;
    private volatile Instant polledAt;
    /** When it first began to follow the topic (after a replay or a restore at start-up). */
    private volatile Instant following;
    /** When the broker was last asked for its partitions' ends, by the JVM's clock (on the feed's own thread). */
    private long askedAt;
    private boolean asked;
    private volatile boolean incomplete;
    private long[] savedPositions = new long[0];
    private boolean savedReplaying;
    private int segments;
    private long lastSave;
    private boolean restore;
    private EventStoreReplay whenTopicLostRecords;

    /**
     * @param replay   where to read history first, or {@code null} to read it from the checkpoint and the topic
     * @param observer told of every event applied, after it is applied
     */
    HistoryFeed(long generation, HistoryCheckpoints checkpoints, Map<String, Object> consumerProperties, String topic,
                EventStoreReplay replay, Consumer<List<ProjectedEvent>> observer, Clock clock) {
        this.history = new History(clock);
        this.generation = generation;
        this.checkpoints = checkpoints;
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        this.consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.topic = topic;
        this.replay = replay;
        this.observer = observer;
        this.clock = clock;
    }

    /** Starts from the saved checkpoint of its generation, if there is one. */
    HistoryFeed restoringCheckpoint() {
        this.restore = true;
        return this;
    }

    /**
     * Where to read the history first when it finds no checkpoint of its generation and the topic has lost its
     * earliest records (a deployment that adds the history after the topic's retention ran out).
     */
    HistoryFeed orFromEventStoreIfTopicLostRecords(EventStoreReplay eventStore) {
        this.whenTopicLostRecords = eventStore;
        return this;
    }

    /** Called on the feed's thread after each poll it applied. */
    void afterEachPoll(Consumer<HistoryFeed> callback) {
        this.afterPoll = callback;
    }

    History history() {
        return history;
    }

    long generation() {
        return generation;
    }

    @Override
    public void run() {
        startedAt = clock.instant();
        // Saved at the end only once restored whole: found in review, a restore that failed part way saved what it had
        // applied as the whole, and the next start took the rest as applied already.
        boolean restoredWhole = !restore;
        try {
            EventStoreReplay source = replay;
            if (restore) {
                HistoryCheckpoints.Restored restored = checkpoints.restore(generation, history, this::waitedForTheStore);
                segments = restored.segments();
                incomplete = restored.incomplete();
                restoredWhole = true;
                if (source == null && whenTopicLostRecords != null && restored.replaying()) {
                    // Found in review: a replay cut short was taken for the whole history, and never made again.
                    log.info("The history's replay from the event store was cut short: it is made again");
                    source = whenTopicLostRecords;
                } else if (source == null && whenTopicLostRecords != null && history.applied() == 0
                        && topicHasLostRecords()) {
                    log.info("The history is new here and the topic has lost its earliest records: building it from "
                            + "the event store");
                    source = whenTopicLostRecords;
                }
            }
            if (source != null) {
                replayFromEventStore(source);
            }
            followTopicThroughOutages();
        } catch (WakeupException stopping) {
            // stopped while waiting for the broker
        } catch (Exception | Error e) {
            failure = e; // even out of memory: what reads it is told the history ended
            log.error("The history of generation {} stopped: {}", generation, e.getMessage(), e);
        } finally {
            if (restoredWhole) {
                saveIfDue(true);
            }
            finished.countDown();
        }
    }

    /**
     * Waits a while for a store that does not answer (a replica set electing a primary at start-up): whether to ask it
     * again, as long as the history runs. Found in review: a checkpoint read it did not answer ended the history for
     * good, and the instance never became ready.
     */
    private boolean waitedForTheStore(MongoException unavailable) {
        if (!running) {
            return false;
        }
        held = "the store does not answer: " + unavailable.getMessage();
        log.warn("The history's checkpoint could not be read, will try again in {}: {}", RETRY_AFTER,
                unavailable.toString());
        sleep(RETRY_AFTER);
        return running;
    }

    /**
     * Applies every stored event (what it applied already, from a replay cut short, is dropped as a repeat), then
     * hands over to the topic where it ended as the replay began. Found in review: handed over by this service's
     * clock (a little before the replay began, as the broker stamped records), it lost what was published meanwhile
     * when this clock ran ahead of the publisher's.
     */
    private void replayFromEventStore(EventStoreReplay source) {
        int partitions = waitForPartitions().size();
        replaying = true;
        long[] ends = topicEnds(partitions);
        source.replay(partitions, (events, head) -> {
            expected = head;
            apply(events, null);
        }, () -> running);
        handOff = ends;
    }

    /** Where each of the topic's {@code partitions} ends now, asked until the broker answers. */
    private long[] topicEnds(int partitions) {
        List<TopicPartition> all = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
        try (KafkaConsumer<String, byte[]> metadata = new KafkaConsumer<>(consumerProperties,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            while (true) {
                try {
                    long[] ends = new long[partitions];
                    metadata.endOffsets(all).forEach((partition, end) -> ends[partition.partition()] = end);
                    return ends;
                } catch (TimeoutException noAnswer) {
                    if (!running) {
                        throw new WakeupException();
                    }
                    log.info("Waiting for the broker to tell where topic {} ends", topic);
                }
            }
        }
    }

    /**
     * Follows the topic for as long as it runs: a broker or store that does not answer for a while (a restart, a
     * busy machine) is waited for, never the end of this history. It picks up where it had applied.
     */
    private void followTopicThroughOutages() {
        while (running) {
            try {
                followTopic();
            } catch (WakeupException stopping) {
                return;
            } catch (KafkaException | MongoException unavailable) {
                if (!running) {
                    return;
                }
                held = "the broker or the store does not answer: " + unavailable.getMessage();
                log.warn("The history lost the broker or the store, will carry on in {}: {}", RETRY_AFTER,
                        unavailable.toString());
                sleep(RETRY_AFTER);
            } catch (NewerEventException newer) {
                // Never passed over: it waits, from what it applied, for the release that reads it to take over.
                held = "waits at an event this release cannot read: " + newer.getMessage();
                if (!newer.getMessage().equals(waitingAt)) {
                    waitingAt = newer.getMessage();
                    log.warn("The history met an event this release cannot read, and waits at it: {}", waitingAt);
                }
                sleep(WAIT_FOR_A_NEWER_RELEASE);
            }
        }
    }

    private void followTopic() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!running) {
                return;
            }
            if (following == null) {
                following = clock.instant(); // once: a history that keeps starting over and never reads grows old
            }
            List<TopicPartition> partitions = waitForPartitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            kafka.assign(partitions);
            seek(kafka, partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            if (handOff == null) {
                expected = history.applied() + end.entrySet().stream()
                        .mapToLong(entry -> entry.getValue() - kafka.position(entry.getKey())).sum();
            }
            while (running) {
                List<ProjectedEvent> events = ProjectedEvent.readAll(kafka.poll(POLL));
                long[] next = new long[partitions.size()];
                for (TopicPartition partition : partitions) {
                    next[partition.partition()] = kafka.position(partition);
                }
                apply(events, next);
                if (caughtUp.getCount() > 0 && partitions.stream()
                        .allMatch(partition -> next[partition.partition()] >= end.get(partition))) {
                    caughtUp.countDown();
                }
                if (!asked || System.nanoTime() - askedAt >= ASK_THE_BROKER_EVERY.toNanos()) {
                    askTheBroker(kafka, partitions, next);
                }
                saveIfDue(false);
                afterPoll.accept(this);
            }
        }
    }

    /**
     * Asks the broker how far the topic goes: a poll without the broker answers nothing, and says nothing of it. It
     * answers within a few seconds, or the history says it is held (and goes on polling, as before).
     */
    private void askTheBroker(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions, long[] next) {
        asked = true;
        askedAt = System.nanoTime();
        try {
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, BROKER_ANSWERS_WITHIN);
            lag = partitions.stream().mapToLong(partition -> Math.max(0,
                    ends.getOrDefault(partition, 0L) - next[partition.partition()])).sum();
            polledAt = clock.instant();
            held = null;
        } catch (TimeoutException noAnswer) {
            held = "the broker or the store does not answer: " + noAnswer.getMessage();
        }
    }

    private void seek(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        long[] offsets = history.offsets();
        // Where it reads each partition from (where it had got to, or the beginning): the topic must still hold it.
        Map<TopicPartition, Long> readsFrom = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long offset = partition.partition() < offsets.length ? offsets[partition.partition()] : -1;
            if (offset >= 0) {
                kafka.seek(partition, offset);
                readsFrom.put(partition, offset);
            } else if (handOff != null) {
                long from = partition.partition() < handOff.length ? handOff[partition.partition()] : 0;
                kafka.seek(partition, from);
                readsFrom.put(partition, from);
            } else {
                kafka.seekToBeginning(List.of(partition));
                readsFrom.put(partition, 0L);
            }
        }
        // A topic whose retention ran out (before a first start, or while an instance was away) lacks what it dropped.
        kafka.beginningOffsets(readsFrom.keySet()).forEach((partition, first) -> {
            if (first > readsFrom.get(partition)) {
                incomplete = true;
                log.warn("The topic no longer holds the whole history: {} begins at offset {}, the history reads from "
                        + "{}. Rebuild the history from the event store (POST /api/admin/projections/history/rebuild "
                        + "{{\"source\":\"event-store\"}}).", partition, first, readsFrom.get(partition));
            }
        });
    }

    private boolean topicHasLostRecords() {
        List<TopicPartition> partitions = waitForPartitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        try (KafkaConsumer<String, byte[]> metadata = new KafkaConsumer<>(consumerProperties,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            while (true) {
                try {
                    return metadata.beginningOffsets(partitions).values().stream().anyMatch(first -> first > 0);
                } catch (TimeoutException noAnswer) {
                    if (!running) {
                        return false;
                    }
                    log.info("Waiting for the broker to tell where topic {} begins", topic);
                }
            }
        }
    }

    private List<PartitionInfo> waitForPartitions() {
        try (KafkaConsumer<String, byte[]> metadata = new KafkaConsumer<>(consumerProperties,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            while (running) {
                try {
                    List<PartitionInfo> partitions = metadata.partitionsFor(topic, Duration.ofSeconds(2));
                    if (partitions != null && !partitions.isEmpty()) {
                        return partitions;
                    }
                    log.info("Waiting for topic {} to exist", topic);
                } catch (TimeoutException noAnswer) {
                    log.info("Waiting for the broker to tell the partitions of topic {}", topic);
                }
                sleep(RETRY_AFTER);
            }
            return List.of();
        }
    }

    private void apply(List<ProjectedEvent> events, long[] nextOffsets) {
        List<Fact> facts = events.stream().map(Fact::of).toList();
        long[] before = history.positions();
        if (nextOffsets == null) {
            history.apply(facts);
        } else {
            history.apply(facts, nextOffsets);
            replaying = false; // handed over: what it saves from now on says where it reads the topic from
        }
        // Saved once: a repeat (a replay made again after it was cut short, a record read twice) is no new fact.
        facts.stream().filter(fact -> !(fact instanceof Fact.Passed)
                        && fact.position() > (fact.partition() < before.length ? before[fact.partition()] : -1))
                .forEach(unsaved::add);
        if (nextOffsets == null) {
            // Replayed from the event store: history the live feed has told its observers of already.
            saveIfDue(false);
            return;
        }
        try {
            observer.accept(events);
        } catch (RuntimeException e) {
            log.warn("An observer of the history failed: {}", e.getMessage());
        }
        saveIfDue(false);
    }

    /** Saves what was applied since the last save, when there is enough of it or it has waited long enough. */
    private void saveIfDue(boolean now) {
        long[] positions = history.positions();
        // Handed over from a replay, it has moved even when the topic was quiet: found in review, a checkpoint left
        // saying it was replaying had every start replay the whole event store again.
        boolean moved = !java.util.Arrays.equals(positions, savedPositions) || replaying != savedReplaying;
        boolean due = unsaved.size() >= SAVE_AFTER_FACTS
                || clock.millis() - lastSave >= SAVE_EVERY.toMillis() && moved;
        if (!(now ? moved : due)) {
            return;
        }
        try {
            checkpoints.save(generation, segments + 1, unsaved, positions, history.offsets(), incomplete, replaying);
            if (!unsaved.isEmpty()) {
                segments++;
            }
            unsaved.clear();
            savedPositions = positions;
            savedReplaying = replaying;
            lastSave = clock.millis();
        } catch (MongoException unavailable) {
            lastSave = clock.millis();
            log.warn("Cannot save the history now, will try again: {}", unavailable.getMessage());
        }
    }

    /** Whether it has read the topic up to where its end was when it started reading it. */
    boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /**
     * Whether the consumer has read everything the broker held at its last fetch, in every partition. Only on the
     * feed's own thread (in {@link #afterEachPoll}): a Kafka consumer is not to be shared.
     */
    boolean hasNoLag() {
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka == null) {
            return false;
        }
        return kafka.assignment().stream().allMatch(partition -> {
            OptionalLong lag = kafka.currentLag(partition);
            return lag.isPresent() && lag.getAsLong() == 0;
        });
    }

    /** Whether it began from a topic that had lost its earliest events: it lacks them. */
    boolean isIncomplete() {
        return incomplete;
    }

    Throwable failure() {
        return failure;
    }

    /** Why it cannot follow the topic now, or {@code null} while it does. */
    String held() {
        return held;
    }

    /** Events the broker held beyond what it had applied when it last answered; -1 before it did. */
    long lag() {
        return lag;
    }

    /**
     * When the broker last answered how far the topic goes; before it did, when it began to follow the topic (a
     * replay or a restore from a checkpoint at start-up is not standing still); {@code null} before either.
     */
    Instant polledAt() {
        return polledAt != null ? polledAt : following;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** How many events it expects to have applied once caught up, as far as it knows; 0 when it does not. */
    long expected() {
        return Math.max(expected, history.applied());
    }

    boolean isRunning() {
        return finished.getCount() > 0;
    }

    /** Stops it (from another thread) and waits until it has saved what it applied. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
