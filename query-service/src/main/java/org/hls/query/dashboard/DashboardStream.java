package org.hls.query.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.mongodb.MongoException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
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
 * {@code Last-Event-ID} gets the dashboard at once only if something changed meanwhile. Streams are written without
 * blocking ({@link StreamClient}): one thread writes a version's one serialised frame to every follower, a client that
 * does not keep up is written again when it has room, and only the newest dashboard waits for it; a slow client
 * delays nobody else, and never the projections.
 */
@Component
class DashboardStream implements HistoryObserver {

    /**
     * What an idle stream holds in the heap, measured with 5,000 open (Tomcat's request and response buffers, mostly):
     * with no limit set, an instance holds as many as half its heap can.
     */
    static final long BYTES_PER_STREAM = 96 * 1024;
    /**
     * How many followed dashboards keep their counts between rounds, the most followed first: a whole-system one keeps
     * a tally per team for each of its figures, more than an instance can keep for every filter its streams ask for.
     */
    static final int COUNTED_DASHBOARDS = 16;
    /** How long after a first keep-alive to a person's streams the second one finds those their client left. */
    static final Duration LEFT_STREAM_PROBE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(DashboardStream.class);

    private final Dashboards dashboards;
    private final JsonMapper json;
    private final int streamsPerPerson;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();
    private final Clock clock;
    /** How many streams each person has open on this instance. */
    private final Map<String, Integer> openByPerson = new ConcurrentHashMap<>();
    /** Whose streams are being written to find those their client left: once at a time per person. */
    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    /** Who follows each dashboard: grouped as they come, not again at every push. */
    private final Map<DashboardQuery, Set<Subscriber>> followers = new ConcurrentHashMap<>();
    /** Held while a first dashboard or a round of pushes is read and offered, so that no client gets an older one last. */
    private final Object pushing = new Object();
    private final Map<DashboardQuery, String> checked = new ConcurrentHashMap<>();
    private final Map<DashboardQuery, Dashboard> pushed = new ConcurrentHashMap<>();
    /** The most followed dashboards, read again at each round counting only the learning added since the one before. */
    private final Map<DashboardQuery, Dashboards.Live> live = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-push");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pushScheduled = new AtomicBoolean();
    private final Timer pushDelay;
    private final long intervalNanos;
    private volatile long lastPushNanos;
    private volatile long lastRoundNanos;
    /** Whether the next round reads every followed dashboard again for the words a list lacked, and pushes it. */
    private volatile boolean readWordsAgain;

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
                .description("From events applied to the history to every changed dashboard written to its streams")
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
            // With thousands of streams a round's writes take longer than the interval: the next round waits as long
            // again, so that pushing never takes every core from the projections and the clients.
            long wait = Math.max(0, lastPushNanos + Math.max(intervalNanos, 2 * lastRoundNanos) - scheduledAt);
            try {
                pusher.schedule(() -> {
                    pushScheduled.set(false);
                    lastPushNanos = System.nanoTime();
                    pushChanges();
                    long done = System.nanoTime();
                    lastRoundNanos = done - lastPushNanos;
                    pushDelay.record(done - scheduledAt, TimeUnit.NANOSECONDS);
                }, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                pushScheduled.set(false);
            }
        }
    }

    /**
     * Streams the dashboard {@code query} asks for to {@code personId}, in answer to {@code request}, until the token
     * they opened it with expires at {@code expiresAt} (then the stream ends, and the page opens another with its new
     * token).
     *
     * @throws Refusal as {@link #admit} does
     */
    void follow(DashboardQuery query, String lastEventId, String personId, Instant expiresAt,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        Runnable released = admit(personId);
        try {
            Duration lifetime = Duration.between(clock.instant(), expiresAt);
            subscribe(ServletStreamClient.open(request, response, lifetime), query, lastEventId, personId, released);
        } catch (IOException | RuntimeException failed) {
            released.run();
            if (request.isAsyncStarted()) {
                // The first dashboard could not be read: the refusal is answered, and the connection not held.
                request.getAsyncContext().complete();
            }
            throw failed;
        }
    }

    /**
     * Counts one more stream of {@code personId}, and answers what releases it (once, however often it runs). A
     * person may have {@code hls.dashboard.streams-per-person} streams open here at once, and the instance as many as
     * it can hold ({@code hls.dashboard.max-streams}): one more would run it out of memory for everyone.
     *
     * @throws Refusal 429 when they have that many already, 503 when this instance does
     */
    Runnable admit(String personId) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new InstanceFull();
        }
        if (openByPerson.merge(personId, 1, Integer::sum) > streamsPerPerson) {
            release(personId);
            findLeftStreams(personId);
            throw new Refusal(HttpStatus.TOO_MANY_REQUESTS, "refused.stream.too-many", streamsPerPerson);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(personId);
            }
        };
    }

    /**
     * The servlet container learns that a client left a stream (a page that changed its filters, a closed tab) only
     * when it writes to it: the first write after the client closed draws a reset, the next one fails. So when a
     * person is refused for having too many, their streams are written a keep-alive now and again a moment later, and
     * those they left end and free their places, usually before the page asks again (one left after the first write
     * ends at the next refusal's).
     */
    private void findLeftStreams(String personId) {
        if (!probing.add(personId)) {
            return;
        }
        Runnable probe = () -> followers.values().forEach(following -> following.stream()
                .filter(subscriber -> subscriber.personId.equals(personId)).forEach(Subscriber::keepAlive));
        probe.run();
        try {
            pusher.schedule(() -> {
                probing.remove(personId);
                probe.run();
            }, LEFT_STREAM_PROBE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            probing.remove(personId);
        }
    }

    private void release(String personId) {
        open.decrementAndGet();
        openByPerson.computeIfPresent(personId, (person, open) -> open > 1 ? open - 1 : null);
    }

    /**
     * Streams the dashboard {@code query} asks for to {@code client}, {@code personId}'s, from now until it ends; then
     * runs {@code released}.
     */
    void subscribe(StreamClient client, DashboardQuery query, String lastEventId, String personId,
                   Runnable released) {
        Subscriber subscriber = new Subscriber(client, query, lastEventId, personId);
        client.whenEnded(() -> {
            unfollow(subscriber);
            released.run();
        });
        synchronized (pushing) {
            String version = dashboards.version();
            if (!version.equals(lastEventId)) {
                Dashboard dashboard = read(query);
                pushed.putIfAbsent(query, dashboard);
                subscriber.offer(push(version, dashboard), false);
            }
            followers.compute(query, (asked, following) -> {
                Set<Subscriber> joined = following == null ? ConcurrentHashMap.newKeySet() : following;
                joined.add(subscriber);
                return joined;
            });
        }
        client.whenWritable(subscriber::writable);
    }

    private void unfollow(Subscriber subscriber) {
        followers.computeIfPresent(subscriber.query, (query, following) -> {
            following.remove(subscriber);
            return following.isEmpty() ? null : following;
        });
    }

    /**
     * Pushes each followed dashboard that changed. A dashboard that cannot be read now (the store of the learning
     * feed, which lends recent learning its words, is down) is tried again after the next events; the others are
     * pushed meanwhile.
     */
    void pushChanges() {
        boolean again = readWordsAgain;
        readWordsAgain = false;
        synchronized (pushing) {
            checked.keySet().retainAll(followers.keySet());
            pushed.keySet().retainAll(followers.keySet());
            // Sizes taken once: streams end meanwhile. On a tie, those that kept counts keep them.
            Set<DashboardQuery> mostFollowed = followers.entrySet().stream()
                    .map(followed -> Map.entry(followed.getKey(), followed.getValue().size()))
                    .sorted(Comparator.comparing((Map.Entry<DashboardQuery, Integer> followed) -> followed.getValue())
                            .reversed().thenComparing(followed -> !live.containsKey(followed.getKey())))
                    .limit(COUNTED_DASHBOARDS).map(Map.Entry::getKey).collect(Collectors.toSet());
            live.keySet().retainAll(mostFollowed);
            mostFollowed.forEach(query -> live.computeIfAbsent(query, dashboards::live));
            followers.forEach((query, following) -> {
                try {
                    pushIfChanged(query, following, again);
                } catch (MongoException unavailable) {
                    checked.remove(query);
                    log.warn("Cannot read a dashboard to push now: {}", unavailable.getMessage());
                }
            });
        }
    }

    /** {@code again}: pushed even to a client offered this version, whose words are now read. */
    private void pushIfChanged(DashboardQuery query, Set<Subscriber> following, boolean again) {
        String version = dashboards.version();
        if (version.equals(checked.get(query))) {
            return;
        }
        Dashboard dashboard = read(query);
        checked.put(query, version);
        Dashboard before = pushed.put(query, dashboard);
        if (before == null || !dashboard.sameAs(before)) {
            Push push = push(version, dashboard);
            following.forEach(subscriber -> subscriber.offer(push, again));
        }
    }

    /**
     * The dashboard {@code query} asks for as it now stands, counted further where it keeps its counts (it does while
     * fewer than {@link #COUNTED_DASHBOARDS} do); called while {@link #pushing} is held.
     */
    private Dashboard read(DashboardQuery query) {
        Dashboards.Live counted = live.get(query);
        if (counted == null && live.size() < COUNTED_DASHBOARDS) {
            counted = dashboards.live(query);
            live.put(query, counted);
        }
        return counted != null ? counted.read() : dashboards.dashboard(query);
    }

    /** Which dashboards keep their counts between rounds. */
    Set<DashboardQuery> counted() {
        return Set.copyOf(live.keySet());
    }

    /**
     * A comment now and then keeps idle connections open through proxies, and finds those whose client has gone;
     * and a dashboard whose days moved on with no event (the version holds the day), or whose list was read without
     * some of its words, is pushed then.
     */
    @Scheduled(fixedDelayString = "${hls.dashboard.keep-alive}")
    void keepAlive() {
        if (dashboards.wordsLeftOut()) {
            // A list read without some words (not kept yet, or the store away) is read again, with no event since,
            // and what changed is pushed under the same version.
            readWordsAgain = true;
            checked.clear();
        }
        schedulePush();
        followers.values().forEach(following -> following.forEach(Subscriber::keepAlive));
    }

    /** Open streams would hold up shutdown until they time out. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        pusher.shutdownNow();
        followers.values().forEach(following -> following.forEach(subscriber -> subscriber.client.end()));
        followers.clear();
    }

    /**
     * The event of one dashboard version, serialised and encoded once for every client that follows it: each client
     * is written the same array of bytes (JSON has no line breaks, so it is one data line).
     */
    private Push push(String version, Dashboard dashboard) {
        return new Push(version, ("id:" + version + "\nevent:dashboard\ndata:" + json.writeValueAsString(dashboard)
                + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** An event to write as it is: a dashboard's, or (without a version) a keep-alive comment. */
    private record Push(String version, byte[] frame) {
    }

    /** One client: written by one thread at a time, and only the newest push waiting for it. */
    private final class Subscriber {

        private static final Push KEEP_ALIVE = new Push(null, ":keep-alive\n\n".getBytes(StandardCharsets.UTF_8));

        private final StreamClient client;
        private final DashboardQuery query;
        private final String personId;
        private final AtomicReference<Push> waiting = new AtomicReference<>();
        /** Reasons to write (a push, room to write) not yet looked at: whoever raises it from 0 writes. */
        private final AtomicInteger reasons = new AtomicInteger();
        /** Whether something written has not been flushed (the headers, at first); read by the writing thread only. */
        private boolean unflushed = true;
        /** Whether the client said it can be written to: not before its request has been through every filter. */
        private volatile boolean started;
        private volatile String offered;

        /** {@code lastEventId}: the version the client had already, which it is not sent again. */
        Subscriber(StreamClient client, DashboardQuery query, String lastEventId, String personId) {
            this.client = client;
            this.query = query;
            this.personId = personId;
            this.offered = lastEventId;
        }

        /**
         * Writes {@code push} unless this subscriber was already offered that version, or, {@code again}, whatever
         * it was offered (the same version read again with words it lacked).
         */
        void offer(Push push, boolean again) {
            if (!again && push.version().equals(offered)) {
                return;
            }
            offered = push.version();
            waiting.set(push);
            if (started) {
                writeWaiting();
            }
        }

        void keepAlive() {
            if (waiting.compareAndSet(null, KEEP_ALIVE) && started) {
                writeWaiting();
            }
        }

        /** The client has room: the first time, writing starts. */
        void writable() {
            started = true;
            writeWaiting();
        }

        /**
         * Writes what waits on this thread, as far as the client has room, unless another thread is writing to it
         * now: that one then looks again before it stops.
         */
        private void writeWaiting() {
            if (reasons.getAndIncrement() != 0) {
                return;
            }
            int seen = 1;
            do {
                writeWhileReady();
                seen = reasons.addAndGet(-seen);
            } while (seen != 0);
        }

        private void writeWhileReady() {
            try {
                while (client.isReady()) {
                    Push push = waiting.getAndSet(null);
                    if (push != null) {
                        client.write(push.frame());
                        unflushed = true;
                        continue;
                    }
                    if (unflushed) {
                        client.flush();
                        unflushed = false;
                    }
                    if (waiting.get() == null) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException gone) {
                waiting.set(null);
                client.end();
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
}
