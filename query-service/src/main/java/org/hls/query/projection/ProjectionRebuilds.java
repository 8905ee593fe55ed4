package org.hls.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.MongoException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.hls.query.history.RebuildRunning;
import org.hls.query.web.Refusal;
import org.hls.query.history.RebuildStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Rebuilds of the stored projections, beside the live ones.
 * <p>
 * A rebuild writes a new generation of the projection's collections: first, if asked, from the event store itself
 * (through command-service, as the administrator who asked), then from the topic, in a consumer group of its own.
 * Once that group has read the topic as far as it went a moment before, the new generation becomes the live one for
 * every reader in one step, and its group goes on feeding it; the projections' shared group stops feeding it. Every
 * instance learns of the switch from the store within a few seconds and follows. A projection added to a deployment
 * that already has history builds itself this way on its first start.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(5);
    private static final Duration CLAIM_LAPSES_AFTER = Duration.ofMinutes(1);
    /** A catch-up round this short means the new generation is as current as the live one. */
    private static final Duration CURRENT_ENOUGH = Duration.ofMillis(500);
    /** How long a rebuild asked for waits for the broker to say where the topic begins. */
    private static final Duration BROKER_ANSWERS_WITHIN = Duration.ofSeconds(5);

    private final Map<String, Projection> projections = new HashMap<>();
    private final ProjectionGenerations generations;
    private final ViewCollections collections;
    private final ConcurrentKafkaListenerContainerFactory<String, byte[]> containers;
    private final Map<String, Object> adminProperties;
    private final String topic;
    private final String sharedGroup;
    private final int consumers;
    private final EventStoreAccess eventStore;
    private final Clock clock;
    private final String builder = UUID.randomUUID().toString();
    private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> feeding = new ConcurrentHashMap<>();
    private final Map<String, Rebuild> running = new ConcurrentHashMap<>();
    private final Map<String, RebuildStatus> finished = new ConcurrentHashMap<>();
    /** When a rebuild of each projection last failed here. */
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;
    private volatile boolean started;

    ProjectionRebuilds(List<Projection> projections, ProjectionGenerations generations, ViewCollections collections,
                       ConcurrentKafkaListenerContainerFactory<String, byte[]> containers, KafkaProperties kafka,
                       @Value("${hls.kafka.topic}") String topic,
                       @Value("${spring.kafka.consumer.group-id}") String sharedGroup,
                       @Value("${hls.kafka.consumers}") int consumers,
                       EventStoreAccess eventStore, Clock clock) {
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.generations = generations;
        this.collections = collections;
        this.containers = containers;
        this.adminProperties = kafka.buildAdminProperties();
        this.topic = topic;
        this.sharedGroup = sharedGroup;
        this.consumers = consumers;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /**
     * Starts rebuilding {@code name}: from the topic's beginning, or (given {@code eventStore}, read as this
     * service or the platform operator who asked) from the event store first.
     *
     * @throws RebuildRunning when this or another instance is rebuilding it
     */
    public RebuildStatus rebuild(String name, EventStoreReplay eventStore) {
        return rebuild(name, eventStore, false);
    }

    private RebuildStatus rebuild(String name, EventStoreReplay eventStore, boolean unasked) {
        Projection projection = projections.get(name);
        if (projection == null) {
            throw new IllegalArgumentException("No stored projection " + name);
        }
        synchronized (running) {
            if (running.containsKey(name)) {
                throw new RebuildRunning(name);
            }
            ProjectionGenerations.Stored record = generations.stored().get(name);
            if (record != null && record.version() > projection.version() && !generations.waiting(name)) {
                // An instance of the release before, in a rolling upgrade: the newer shape stays live. (One that has
                // no generation in its own shape, after a roll back, builds one.)
                throw new Refusal(HttpStatus.CONFLICT, "problem.rebuild-newer-shape", name, record.version());
            }
            Instant now = clock.instant();
            long generation = generations.claim(name, builder, now, now.minus(CLAIM_LAPSES_AFTER));
            if (generation == 0) {
                throw new RebuildRunning(name);
            }
            Rebuild rebuild = new Rebuild(projection, generation, eventStore, unasked);
            running.put(name, rebuild);
            Thread thread = new Thread(rebuild, "rebuild-" + name + "-g" + generation);
            thread.setDaemon(true);
            thread.start();
            return rebuild.status("running");
        }
    }

    /** The rebuild of {@code name} running here, or else the last one here, if any. */
    public Optional<RebuildStatus> status(String name) {
        Rebuild rebuild = running.get(name);
        return Optional.ofNullable(rebuild != null ? rebuild.status("running") : finished.get(name));
    }

    /**
     * Whether the live generation of {@code name} holds the whole history: {@code false} when it was built from a
     * topic that had lost its earliest records, {@code null} where that is not known (generation 0).
     */
    public Boolean isComplete(String name) {
        ProjectionGenerations.Stored record = generations.stored().get(name);
        return record == null ? null : record.complete();
    }

    /**
     * Whether this instance serves {@code name}: not while it is live only in another release's shape (a rolling
     * upgrade), until a generation in this release's shape is.
     */
    public boolean isReady(String name) {
        return !generations.waiting(name);
    }

    /** The names of the stored projections. */
    public List<String> names() {
        return projections.keySet().stream().sorted().toList();
    }

    @Override
    public void start() {
        Map<String, ProjectionGenerations.Stored> stored = generations.stored();
        // A store that knows none predates generations (or is new): what the shared group built is generation 0.
        boolean knownBefore = !stored.isEmpty();
        for (String name : projections.keySet()) {
            int own = projections.get(name).version();
            if (!stored.containsKey(name)) {
                generations.register(name, knownBefore, own);
            } else if (stored.get(name).version() != own) {
                // Written in another shape than this release's: it neither writes nor serves the live generation.
                // When that shape is older, refresh() builds it afresh in this one's, beside the live one.
                generations.waitHere(name);
                if (stored.get(name).version() > own) {
                    log.warn("{} is live in the shape of a newer release (version {}; this one writes {}): this "
                            + "instance is not ready until it is rebuilt (POST /api/admin/projections/{}/rebuild), "
                            + "which a roll back needs", name, stored.get(name).version(), own, name);
                }
            }
        }
        refresh();
        generations.stored().forEach((name, record) -> {
            if (record.needsBuild() && projections.containsKey(name) && !running.containsKey(name)) {
                try {
                    rebuild(name, null, true);
                    log.info("{} is new here: building it from the whole history", name);
                } catch (RebuildRunning elsewhere) {
                    log.info("{} is new here and being built by another instance", name);
                }
            }
        });
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "projection-generations");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_EVERY.toMillis(), REFRESH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        if (refresher != null) {
            refresher.shutdownNow();
        }
        running.values().forEach(Rebuild::cancel);
        feeding.values().forEach(ConcurrentMessageListenerContainer::stop);
        feeding.clear();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Before the shared group's listener starts, so it knows which projections it no longer feeds. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void refreshQuietly() {
        try {
            refresh();
            running.keySet().forEach(name -> generations.renew(name, builder, clock.instant()));
        } catch (MongoException unavailable) {
            log.warn("Cannot read the projections' generations now: {}", unavailable.getMessage());
        }
    }

    /**
     * Follows the store: each projection is read, and fed, in the generation the store says is live, when that was
     * written in this release's shape. In a rolling upgrade, an instance of the other release goes on reading and
     * feeding the generation of its own shape until it is replaced; one that has none waits, and builds one when the
     * live one is older than its release and nobody builds it.
     */
    private void refresh() {
        generations.stored().forEach((name, record) -> {
            Projection projection = projections.get(name);
            if (projection == null || running.containsKey(name)) {
                return;
            }
            if (record.version() == projection.version()) {
                boolean unfed = record.live() > 0 && !feeding.containsKey(name); // as after a stop and a start
                if (record.live() != generations.live(name) || generations.waiting(name) || unfed) {
                    if (record.live() > 0) {
                        follow(projection, record.live(), feed(projection, record.live(), new AtomicLong()));
                    } else {
                        generations.liveHere(name, 0);
                    }
                }
            } else if (generations.waiting(name) && record.version() < projection.version() && !failedLately(name)) {
                try {
                    rebuild(name, null, true);
                    log.info("{} is live in an older release's shape: building it in this one's", name);
                } catch (RebuildRunning elsewhere) {
                    // Another instance of this release builds it.
                }
            }
        });
    }

    /** Whether a rebuild of {@code name} here failed within the last minute: it is not tried again at once. */
    private boolean failedLately(String name) {
        Instant failed = failedAt.get(name);
        return failed != null && failed.isAfter(clock.instant().minus(CLAIM_LAPSES_AFTER));
    }

    /** Makes {@code generation} live here, fed by {@code container}, and stops feeding the one before. */
    private void follow(Projection projection, long generation,
                        ConcurrentMessageListenerContainer<String, byte[]> container) {
        generations.liveHere(projection.name(), generation);
        ConcurrentMessageListenerContainer<String, byte[]> before = feeding.put(projection.name(), container);
        if (before != null) {
            before.stop();
        }
        log.info("{} is live in generation {}", projection.name(), generation);
    }

    /** A running container of the consumer group that feeds {@code generation} of {@code projection}. */
    private ConcurrentMessageListenerContainer<String, byte[]> feed(Projection projection, long generation,
                                                                    AtomicLong applied) {
        Projection target = projection.rebuiltIn(collections.pinned(projection.name(), generation));
        ConcurrentMessageListenerContainer<String, byte[]> container = containers.createContainer(topic);
        container.getContainerProperties().setGroupId(groupOf(projection.name(), generation));
        container.getContainerProperties().setMessageListener(
                (BatchMessageListener<String, byte[]>) (List<ConsumerRecord<String, byte[]>> records) -> {
                    List<ProjectedEvent> events = ProjectedEvent.readAll(records);
                    target.apply(events);
                    applied.addAndGet(events.size());
                });
        container.setConcurrency(consumers);
        container.setBeanName(projection.name() + "-g" + generation);
        container.start();
        return container;
    }

    private String groupOf(String projection, long generation) {
        return sharedGroup + "-" + projection + "-g" + generation;
    }

    /** One rebuild, on a thread of its own. */
    private final class Rebuild implements Runnable {

        private final Projection projection;
        private final long generation;
        private final boolean unasked;
        private final AtomicLong applied = new AtomicLong();
        private volatile EventStoreReplay eventStore;
        private final Instant startedAt = clock.instant();
        private volatile long expected;
        private volatile boolean cancelled;
        private ConcurrentMessageListenerContainer<String, byte[]> container;

        /**
         * @param eventStore where to read the history first, or {@code null} for the topic alone
         * @param unasked    whether it builds a projection new here: then, if the topic has lost its earliest
         *                   records, the event store is read as this service (when it may)
         */
        Rebuild(Projection projection, long generation, EventStoreReplay eventStore, boolean unasked) {
            this.projection = projection;
            this.generation = generation;
            this.eventStore = eventStore;
            this.unasked = unasked;
        }

        @Override
        public void run() {
            String name = projection.name();
            String group = groupOf(name, generation);
            try (Admin admin = Admin.create(adminProperties)) {
                dropOtherGenerations(admin);
                List<TopicPartition> partitions = partitions(admin);
                long first = sum(offsets(admin, partitions, OffsetSpec.earliest()));
                expected = sum(offsets(admin, partitions, OffsetSpec.latest())) - first;
                if (eventStore == null && unasked && first > 0) {
                    eventStore = ProjectionRebuilds.this.eventStore.asService().orElse(null);
                }
                boolean complete = eventStore != null || first == 0;
                if (eventStore != null) {
                    replayEventStore(admin, partitions, group);
                }
                container = feed(projection, generation, applied);
                Duration round;
                do {
                    Instant began = clock.instant();
                    Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest());
                    while (!hasRead(admin, group, partitions, end)) {
                        if (cancelled) {
                            throw new IllegalStateException("stopped");
                        }
                        Thread.sleep(100);
                    }
                    round = Duration.between(began, clock.instant());
                } while (round.compareTo(CURRENT_ENOUGH) > 0);
                generations.makeLive(name, generation, builder, complete, projection.version());
                follow(projection, generation, container);
                finished.put(name, status("finished"));
                log.info("{} was rebuilt: generation {} is live, from {} events", name, generation, applied.get());
                if (!complete) {
                    log.warn("{} was built from a topic that has lost its earliest records: it lacks them until it "
                            + "is rebuilt from the event store (POST /api/admin/projections/{}/rebuild "
                            + "{{\"source\":\"event-store\"}})", name, name);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (container != null) {
                    container.stop();
                }
                generations.release(name, builder);
                RebuildStatus failed = status("failed");
                finished.put(name, new RebuildStatus(failed.source(), failed.state(), failed.startedAt(),
                        failed.eventsDone(), failed.eventsExpected(), failed.eventsPerSecond(), null,
                        e.getMessage()));
                failedAt.put(name, clock.instant());
                log.error("The rebuild of {} failed: {}", name, e.getMessage(), e);
            } finally {
                running.remove(name);
            }
        }

        /** What earlier generations, and an earlier attempt at this one, left behind. */
        private void dropOtherGenerations(Admin admin) throws InterruptedException {
            // Kept: the one read here, and the store's live one and the one before it, which instances of the
            // release before may still read in a rolling upgrade.
            Set<Long> kept = new HashSet<>(List.of(generations.live(projection.name())));
            ProjectionGenerations.Stored record = generations.stored().get(projection.name());
            if (record != null) {
                kept.addAll(List.of(record.live(), record.previousLive()));
            }
            List<String> existing = collections.database().listCollectionNames().into(new ArrayList<>());
            for (String base : collections.namesOf(projection.name())) {
                Set<String> keptNames = new HashSet<>();
                kept.forEach(generation -> keptNames.add(ViewCollections.nameIn(base, generation)));
                for (String collection : existing) {
                    boolean ofThis = collection.equals(base) || collection.matches(
                            java.util.regex.Pattern.quote(base) + "_g\\d+");
                    if (ofThis && !keptNames.contains(collection)) {
                        collections.database().getCollection(collection).drop();
                    }
                }
            }
            for (long earlier = 1; earlier <= generation; earlier++) {
                if (!kept.contains(earlier)) {
                    try {
                        admin.deleteConsumerGroups(List.of(groupOf(projection.name(), earlier))).all().get();
                    } catch (ExecutionException absentOrStillInUse) {
                        // A group another instance still has members in is left: it holds no documents.
                    }
                }
            }
        }

        /**
         * Applies every stored event, then sets the group to read the topic from where it ended as the replay began:
         * what was published before was stored before, so it is in the replay, and what is read twice changes
         * nothing. Found in review: a hand-off by this service's clock (a little before the replay began, as the
         * broker stamped records) lost what was published meanwhile when this clock ran ahead of the publisher's.
         */
        private void replayEventStore(Admin admin, List<TopicPartition> partitions, String group)
                throws ExecutionException, InterruptedException {
            Projection target = projection.rebuiltIn(collections.pinned(projection.name(), generation));
            Map<TopicPartition, Long> handOff = offsets(admin, partitions, OffsetSpec.latest());
            eventStore.replay(partitions.size(),
                    (events, head) -> {
                        expected = head;
                        target.apply(events);
                        applied.addAndGet(events.size());
                    }, () -> !cancelled);
            if (cancelled) {
                throw new IllegalStateException("stopped");
            }
            Map<TopicPartition, OffsetAndMetadata> from = new HashMap<>();
            handOff.forEach((partition, offset) -> from.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(group, from).all().get();
        }

        void cancel() {
            cancelled = true;
        }

        RebuildStatus status(String state) {
            long done = applied.get();
            double seconds = Duration.between(startedAt, clock.instant()).toMillis() / 1000.0;
            double rate = seconds > 0 ? done / seconds : 0;
            Long left = "running".equals(state) && rate > 0 && expected > 0
                    ? Math.round(Math.max(0, expected - done) / rate) : null;
            return new RebuildStatus(eventStore == null ? "topic" : "event-store", state, startedAt, done,
                    Math.max(expected, done), Math.round(rate * 10) / 10.0, left, null);
        }
    }

    /**
     * Whether the topic has lost its earliest records (its retention ran out): a rebuild from it alone lacks them.
     *
     * @throws Refusal 503 when the broker does not say within a few seconds
     */
    public boolean topicHasLostRecords() {
        Map<String, Object> asked = new HashMap<>(adminProperties);
        asked.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_ANSWERS_WITHIN.toMillis());
        asked.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_ANSWERS_WITHIN.toMillis());
        try (Admin admin = Admin.create(asked)) {
            return offsets(admin, partitions(admin), OffsetSpec.earliest()).values().stream()
                    .anyMatch(first -> first > 0);
        } catch (ExecutionException | KafkaException unanswered) {
            throw new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "refused.projection.broker-away");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking where the topic begins", e);
        }
    }

    private List<TopicPartition> partitions(Admin admin) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Whether {@code group} has committed at least {@code end} in every partition that holds anything. */
    private static boolean hasRead(Admin admin, String group, List<TopicPartition> partitions,
                                   Map<TopicPartition, Long> end) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> first = offsets(admin, partitions, OffsetSpec.earliest());
        return partitions.stream().allMatch(partition -> committed.get(partition) == null
                ? first.get(partition) >= end.get(partition)
                : committed.get(partition).offset() >= end.get(partition));
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
