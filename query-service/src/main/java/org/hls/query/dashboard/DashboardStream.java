package org.hls.query.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.mongodb.MongoException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.hls.query.history.HistoryObserver;
import org.hls.query.projection.ProjectedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hls.query.web.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live dashboards over server-sent events, each subscriber for its own {@link DashboardQuery}.
 * <p>
 * Each subscriber gets the dashboard at once, then again as soon as the history has applied events that change it,
 * at most once per push interval however many events arrived (nothing runs while nothing happens). Whether anything
 * changed is read from this instance's history (its version, see
 * {@link Dashboards#version()}: every instance holds the whole history); when it did, the dashboard is read once for
 * all who asked for it and pushed only if its numbers or list differ from the last one pushed. Each event's id is
 * that version, the same on every instance for the same events: a client reconnecting with
 * {@code Last-Event-ID} gets the dashboard at once only if something changed meanwhile. Each subscriber is written to
 * by its own task, and only the newest dashboard waits for it: a slow client delays nobody else, and never the
 * projections.
 */
@Component
class DashboardStream implements HistoryObserver {

    static final long NO_TIMEOUT = 0L;
    /**
     * What an idle stream holds in the heap, measured (Tomcat's request and response buffers, mostly): with no limit
     * set, an instance holds as many as half its heap can.
     */
    static final long BYTES_PER_STREAM = 128 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DashboardStream.class);

    private final Dashboards dashboards;
    private final JsonMapper json;
    private final int streamsPerPerson;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();
    private final Clock clock;
    /** How many streams each person has open on this instance. */
    private final Map<String, Integer> openByPerson = new ConcurrentHashMap<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService writers = Executors.newCachedThreadPool(new WriterThreads("dashboard-stream-"));
    /** Held while a first dashboard or a round of pushes is read and offered, so that no client gets an older one last. */
    private final Object pushing = new Object();
    private final Map<DashboardQuery, String> checked = new ConcurrentHashMap<>();
    private final Map<DashboardQuery, Dashboard> pushed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(
            new WriterThreads("dashboard-push-"));
    private final AtomicBoolean pushScheduled = new AtomicBoolean();
    private final Timer pushDelay;
    private final long intervalNanos;
    private volatile long lastPushNanos;

    DashboardStream(Dashboards dashboards, JsonMapper json,
                    @Value("${hls.dashboard.push-interval}") Duration pushInterval,
                    @Value("${hls.dashboard.streams-per-person}") int streamsPerPerson,
                    @Value("${hls.dashboard.max-streams}") int maxStreams, Clock clock, MeterRegistry meters) {
        this.dashboards = dashboards;
        this.json = json;
        this.intervalNanos = pushInterval.toNanos();
        this.streamsPerPerson = streamsPerPerson;
        this.maxStreams = maxStreams > 0 ? maxStreams
                : (int) Math.max(1, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_STREAM);
        this.clock = clock;
        this.pushDelay = Timer.builder("hls.dashboard.push.delay")
                .description("From events applied to the history to every changed dashboard offered to its streams")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(meters);
        Gauge.builder("hls.dashboard.streams", open, AtomicInteger::get)
                .description("Dashboard streams open on this instance").register(meters);
    }

    /**
     * Schedules one round of pushes: at once, or when the push interval since the last round has passed. Events
     * applied meanwhile join that round; events applied while it runs schedule the next.
     */
    @Override
    public void applied(List<ProjectedEvent> events) {
        schedulePush();
    }

    private void schedulePush() {
        if (pushScheduled.compareAndSet(false, true)) {
            long scheduledAt = System.nanoTime();
            long wait = Math.max(0, lastPushNanos + intervalNanos - scheduledAt);
            try {
                pusher.schedule(() -> {
                    pushScheduled.set(false);
                    lastPushNanos = System.nanoTime();
                    pushChanges();
                    pushDelay.record(System.nanoTime() - scheduledAt, TimeUnit.NANOSECONDS);
                }, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                pushScheduled.set(false);
            }
        }
    }

    /**
     * Streams the dashboard {@code query} asks for to {@code personId} until the token they opened it with expires
     * at {@code expiresAt} (then the stream ends, and the page opens another with its new token). A person may have
     * {@code hls.dashboard.streams-per-person} streams open here at once, and the instance as many as it can hold
     * ({@code hls.dashboard.max-streams}): one more would run it out of memory for everyone.
     *
     * @throws Refusal 429 when they have that many already, 503 when this instance does
     */
    SseEmitter subscribe(DashboardQuery query, String lastEventId, String personId, Instant expiresAt) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new InstanceFull();
        }
        if (openByPerson.merge(personId, 1, Integer::sum) > streamsPerPerson) {
            release(personId);
            throw new Refusal(HttpStatus.TOO_MANY_REQUESTS, "refused.stream.too-many", streamsPerPerson);
        }
        long lifetime = Math.max(1, Duration.between(clock.instant(), expiresAt).toMillis());
        AtomicBoolean released = new AtomicBoolean();
        return subscribe(new SseEmitter(lifetime), query, lastEventId, () -> {
            if (released.compareAndSet(false, true)) {
                release(personId);
            }
        });
    }

    private void release(String personId) {
        open.decrementAndGet();
        openByPerson.computeIfPresent(personId, (person, open) -> open > 1 ? open - 1 : null);
    }

    /** Streams the dashboard {@code query} asks for to {@code emitter}, from now until it completes or fails. */
    SseEmitter subscribe(SseEmitter emitter, DashboardQuery query, String lastEventId) {
        return subscribe(emitter, query, lastEventId, () -> { });
    }

    private SseEmitter subscribe(SseEmitter emitter, DashboardQuery query, String lastEventId, Runnable ended) {
        Subscriber subscriber = new Subscriber(emitter, query, lastEventId);
        emitter.onCompletion(() -> {
            subscribers.remove(subscriber);
            ended.run();
        });
        emitter.onTimeout(() -> {
            // The token it was opened with has expired: the stream ends here.
            subscribers.remove(subscriber);
            ended.run();
            emitter.complete();
        });
        emitter.onError(error -> {
            subscribers.remove(subscriber);
            ended.run();
        });
        synchronized (pushing) {
            String version = dashboards.version();
            if (!version.equals(lastEventId)) {
                Dashboard dashboard = dashboards.dashboard(query);
                pushed.putIfAbsent(query, dashboard);
                subscriber.offer(push(version, dashboard));
            }
            subscribers.add(subscriber);
        }
        return emitter;
    }

    /**
     * Pushes each followed dashboard that changed. A dashboard that cannot be read now (the store of the learning
     * feed, which lends recent learning its words, is down) is tried again after the next events; the others are
     * pushed meanwhile.
     */
    void pushChanges() {
        synchronized (pushing) {
            Map<DashboardQuery, List<Subscriber>> byQuery = subscribers.stream()
                    .collect(Collectors.groupingBy(subscriber -> subscriber.query));
            checked.keySet().retainAll(byQuery.keySet());
            pushed.keySet().retainAll(byQuery.keySet());
            byQuery.forEach((query, asking) -> {
                try {
                    pushIfChanged(query, asking);
                } catch (MongoException unavailable) {
                    checked.remove(query);
                    log.warn("Cannot read a dashboard to push now: {}", unavailable.getMessage());
                }
            });
        }
    }

    private void pushIfChanged(DashboardQuery query, List<Subscriber> asking) {
        String version = dashboards.version();
        if (version.equals(checked.get(query))) {
            return;
        }
        Dashboard dashboard = dashboards.dashboard(query);
        checked.put(query, version);
        Dashboard before = pushed.put(query, dashboard);
        if (before == null || !dashboard.sameAs(before)) {
            Push push = push(version, dashboard);
            asking.forEach(subscriber -> subscriber.offer(push));
        }
    }

    /**
     * A comment now and then keeps idle connections open through proxies; and a dashboard whose days moved on with
     * no event (the version holds the day) is pushed then.
     */
    @Scheduled(fixedDelayString = "${hls.dashboard.keep-alive}")
    void keepAlive() {
        schedulePush();
        subscribers.forEach(Subscriber::keepAlive);
    }

    /** Open streams would hold up shutdown until they time out. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        subscribers.forEach(subscriber -> subscriber.emitter.complete());
        subscribers.clear();
        pusher.shutdownNow();
        writers.shutdownNow();
    }

    /**
     * The event of one dashboard version, serialised and encoded once for every client that follows it: each client
     * is written one array of bytes, not three strings to convert (JSON has no line breaks, so it is one data line).
     */
    private Push push(String version, Dashboard dashboard) {
        return new Push(version, frame("id:" + version + "\nevent:dashboard\ndata:"
                + json.writeValueAsString(dashboard) + "\n\n"));
    }

    private static Set<ResponseBodyEmitter.DataWithMediaType> frame(String event) {
        return Set.of(new ResponseBodyEmitter.DataWithMediaType(event.getBytes(StandardCharsets.UTF_8),
                MediaType.TEXT_EVENT_STREAM));
    }

    /** An event to write as it is: a dashboard's, or (without a version) a keep-alive comment. */
    private record Push(String version, Set<ResponseBodyEmitter.DataWithMediaType> frame) {
    }

    /** One client: at most one write in flight, and only the newest push waiting behind it. */
    private final class Subscriber {

        private static final Push KEEP_ALIVE = new Push(null, frame(":keep-alive\n\n"));

        private final SseEmitter emitter;
        private final DashboardQuery query;
        private final AtomicReference<Push> waiting = new AtomicReference<>();
        private final AtomicBoolean writing = new AtomicBoolean();
        private volatile String offered;

        /** {@code lastEventId}: the version the client had already, which it is not sent again. */
        Subscriber(SseEmitter emitter, DashboardQuery query, String lastEventId) {
            this.emitter = emitter;
            this.query = query;
            this.offered = lastEventId;
        }

        /** Queues {@code push} unless this subscriber was already offered that version. */
        void offer(Push push) {
            if (push.version().equals(offered)) {
                return;
            }
            offered = push.version();
            waiting.set(push);
            writeIfIdle();
        }

        void keepAlive() {
            if (waiting.compareAndSet(null, KEEP_ALIVE)) {
                writeIfIdle();
            }
        }

        private void writeIfIdle() {
            if (writing.compareAndSet(false, true)) {
                writers.execute(this::writeWaiting);
            }
        }

        private void writeWaiting() {
            try {
                for (Push push = waiting.getAndSet(null); push != null; push = waiting.getAndSet(null)) {
                    write(push);
                }
            } finally {
                writing.set(false);
            }
            if (waiting.get() != null) {
                writeIfIdle();
            }
        }

        private void write(Push push) {
            try {
                emitter.send(push.frame());
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(this);
                waiting.set(null);
            }
        }
    }

    /** 503 with a hint when to try again: another instance, or this one a little later, may have room. */
    private static final class InstanceFull extends Refusal {

        InstanceFull() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "refused.stream.instance-full");
            getHeaders().set(HttpHeaders.RETRY_AFTER, "60");
        }
    }

    private static final class WriterThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();
        private final String prefix;

        WriterThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
