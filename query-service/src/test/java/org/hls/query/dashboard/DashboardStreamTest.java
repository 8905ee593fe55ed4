package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hls.query.support.Events.envelope;
import static org.hls.query.support.Events.learning;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

class DashboardStreamTest extends ProjectionTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DashboardsUnderTest projection;
    private DashboardStream stream;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        projection = new DashboardsUnderTest(database, Clock.systemUTC());
        stream = new DashboardStream(projection.dashboards, JSON, INTERVAL, 8, 0, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        stream.closeAll();
    }

    @Test
    void aSlowClientDelaysNeitherOtherClientsNorTheProjection() {
        Recording stuck = new Recording(release);
        Recording other = new Recording(null);
        stream.subscribe(stuck, DashboardQuery.SYSTEM, null);
        stream.subscribe(other, DashboardQuery.SYSTEM, null);
        await().atMost(SECOND).until(() -> stuck.attempts > 0 && other.sent.size() == 1);

        for (int i = 1; i <= 3; i++) {
            long started = System.nanoTime();
            projection.apply(List.of(event("l" + i, 0, learning("l" + i, LearningKind.REFLECTION,
                    Perspective.PRACTITIONER, Visibility.TEAM))));
            stream.pushChanges();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SECOND);
            int expected = i + 1;
            await().atMost(SECOND).until(() -> other.sent.size() == expected);
        }

        assertThat(projection.dashboard(DashboardQuery.SYSTEM).totals().reflections()).isEqualTo(3);
        assertThat(stuck.attempts).isEqualTo(1);
    }

    /** Found by the benchmark: 2,000 idle streams took 235 MB of heap, 5,000 ran query-service out of memory. */
    @Test
    void anInstanceHoldsNoMoreStreamsThanItsMemoryAllows() {
        DashboardStream small = new DashboardStream(projection.dashboards, JSON, INTERVAL, 8, 2, Clock.systemUTC(),
                new SimpleMeterRegistry());
        Instant later = Instant.now().plus(Duration.ofHours(1));
        try {
            small.subscribe(DashboardQuery.SYSTEM, null, "ann", later);
            small.subscribe(DashboardQuery.SYSTEM, null, "ben", later);

            assertThatThrownBy(() -> small.subscribe(DashboardQuery.SYSTEM, null, "cat", later))
                    .isInstanceOfSatisfying(ErrorResponseException.class, full -> {
                        assertThat(full.getStatusCode().value()).isEqualTo(503);
                        assertThat(full.getHeaders().getFirst("Retry-After")).isEqualTo("60");
                    });
        } finally {
            small.closeAll();
        }
    }

    @Test
    void eventsAppliedToTheHistoryArePushedWithoutWaitingForAnyClock() {
        Recording client = new Recording(null);
        stream.subscribe(client, DashboardQuery.SYSTEM, null);
        await().atMost(SECOND).until(() -> client.sent.size() == 1);
        List<ProjectedEvent> events = List.of(event("n", 0, learning("n", LearningKind.BREAKTHROUGH,
                Perspective.PARTNER, Visibility.SYSTEM)));

        projection.apply(events);
        stream.applied(events);

        await().atMost(SECOND).until(() -> client.sent.size() == 2);
    }

    @Test
    void clientsFollowingTheSameDashboardShareOneSerialisedFrame() {
        List<Recording> clients = List.of(new Recording(null), new Recording(null), new Recording(null));
        clients.forEach(client -> stream.subscribe(client, DashboardQuery.SYSTEM, null));
        await().atMost(SECOND).until(() -> clients.stream().allMatch(client -> client.sent.size() == 1));

        List<ProjectedEvent> events = List.of(event("s", 0, learning("s", LearningKind.BREAKTHROUGH,
                Perspective.PARTNER, Visibility.SYSTEM)));
        projection.apply(events);
        stream.applied(events);

        await().atMost(SECOND).until(() -> clients.stream().allMatch(client -> client.sent.size() == 2));
        assertThat(clients.get(1).sent.get(1)).isSameAs(clients.get(0).sent.get(1));
        assertThat(clients.get(2).sent.get(1)).isSameAs(clients.get(0).sent.get(1));
    }

    @Test
    void aBurstOfChangesIsOnePush() {
        Recording client = new Recording(null);
        stream.subscribe(client, DashboardQuery.SYSTEM, null);
        await().atMost(SECOND).until(() -> client.sent.size() == 1);

        for (int i = 0; i < 20; i++) {
            projection.apply(List.of(event("b" + i, 0, learning("b" + i, LearningKind.BREAKTHROUGH,
                    Perspective.PARTNER, Visibility.SYSTEM))));
        }
        stream.pushChanges();
        stream.pushChanges();

        await().atMost(SECOND).until(() -> client.sent.size() == 2);
        assertThat(client.sent).hasSize(2);
    }

    @Test
    void aClientReconnectingWithTheLatestIdWaitsForTheNextChange() {
        projection.apply(List.of(event("q", 0, learning("q", LearningKind.REFLECTION, Perspective.PARTNER,
                Visibility.TEAM))));
        Recording first = new Recording(null);
        stream.subscribe(first, DashboardQuery.SYSTEM, null);
        await().atMost(SECOND).until(() -> first.sent.size() == 1);
        Recording resumed = new Recording(null);
        Recording behind = new Recording(null);

        stream.subscribe(resumed, DashboardQuery.SYSTEM, projection.dashboards.version());
        stream.subscribe(behind, DashboardQuery.SYSTEM, "0-0-0");

        await().atMost(SECOND).until(() -> behind.sent.size() == 1);
        assertThat(resumed.sent).isEmpty();
        projection.apply(List.of(event("r", 0, learning("r", LearningKind.REFLECTION, Perspective.PARTNER,
                Visibility.TEAM))));
        stream.pushChanges();
        await().atMost(SECOND).until(() -> resumed.sent.size() == 1);
    }

    @Test
    void eachClientIsPushedOnlyChangesOfTheDashboardItAskedFor() {
        DashboardQuery organisationA = DashboardQuery.days(null, "org-a", null, null, null, null,
                Visibility.ORGANISATION);
        DashboardQuery organisationB = DashboardQuery.days(null, "org-b", null, null, null, null,
                Visibility.ORGANISATION);
        Recording ofA = new Recording(null);
        Recording ofB = new Recording(null);
        Recording alsoOfA = new Recording(null);
        stream.subscribe(ofA, organisationA, null);
        stream.subscribe(ofB, organisationB, null);
        stream.subscribe(alsoOfA, organisationA, null);
        await().atMost(SECOND).until(() -> ofA.sent.size() == 1 && ofB.sent.size() == 1 && alsoOfA.sent.size() == 1);

        projection.apply(List.of(event("a1", 0, learning("a1", LearningKind.REFLECTION, Perspective.PARTNER,
                Visibility.ORGANISATION))));
        stream.pushChanges();

        await().atMost(SECOND).until(() -> ofA.sent.size() == 2 && alsoOfA.sent.size() == 2);
        stream.pushChanges();
        assertThat(ofB.sent).hasSize(1);
        assertThat(ofA.sent).hasSize(2);
    }

    @Test
    void aClientResumingAtAnotherInstanceThatHoldsTheSameEventsWaitsForTheNextChange() {
        ProjectedEvent first = event("first", 0, learning("first", LearningKind.BREAKTHROUGH, Perspective.PARTNER,
                Visibility.SYSTEM));
        ProjectedEvent second = new ProjectedEvent(envelope("second", 0, first.position() + 1, learning("second",
                LearningKind.REFLECTION, Perspective.PARTNER, Visibility.SYSTEM)), learning("second",
                LearningKind.REFLECTION, Perspective.PARTNER, Visibility.SYSTEM), 1);
        projection.apply(List.of(first, second));
        DashboardsUnderTest otherInstance = new DashboardsUnderTest(database, Clock.systemUTC());
        otherInstance.apply(List.of(second, first));
        DashboardStream otherStream = new DashboardStream(otherInstance.dashboards, JSON, INTERVAL, 8, 0, Clock.systemUTC(),
                new SimpleMeterRegistry());
        Recording client = new Recording(null);
        try {
            otherStream.subscribe(client, DashboardQuery.SYSTEM, projection.dashboards.version());
            otherStream.pushChanges();
            assertThat(client.sent).as("nothing changed since the id it had").isEmpty();

            otherInstance.apply(List.of(event("third", 0, learning("third", LearningKind.BREAKTHROUGH,
                    Perspective.PARTNER, Visibility.SYSTEM))));
            otherStream.pushChanges();

            await().atMost(SECOND).until(() -> client.sent.size() == 1);
        } finally {
            otherStream.closeAll();
        }
    }

    /** An emitter that records what it is sent; with a latch, its first send hangs until the latch opens. */
    private static final class Recording extends SseEmitter {

        final List<Set<DataWithMediaType>> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch hang;
        volatile int attempts;

        Recording(CountDownLatch hang) {
            super(DashboardStream.NO_TIMEOUT);
            this.hang = hang;
        }

        @Override
        public void send(Set<DataWithMediaType> event) throws IOException {
            attempts++;
            if (hang != null) {
                try {
                    hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            sent.add(event);
        }
    }
}
