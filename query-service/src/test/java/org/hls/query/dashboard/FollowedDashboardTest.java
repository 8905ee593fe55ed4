package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.query.support.Events.envelope;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.security.CellKeys;
import org.hls.query.security.SmallNumbers;
import org.hls.query.support.MovingClock;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A followed dashboard, read again and again as a stream reads it, reads what a dashboard read afresh at the same
 * instant reads, whatever happened between its reads: learning recorded, widened and retracted, consent withdrawn,
 * facts recorded by instances whose clocks run ahead or behind, and this instance's clock moving on, across days and
 * weeks, and back. Each seed is one such history, the same at every run.
 */
class FollowedDashboardTest extends ProjectionTest {

    private static final List<Actor> PEOPLE = List.of(
            new Actor("ann", "Ann", "org-a", "team-1", "fife"),
            new Actor("ben", "Ben", "org-a", "team-2", "fife"),
            new Actor("cat", "Cat", "org-b", "team-3", "fife"),
            new Actor("dan", "Dan", "org-b", "team-3", "perth"));
    private static final List<String> THEMES = List.of("housing", "food", "debt", "loneliness");
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private static final List<DashboardQuery> QUERIES = List.of(
            DashboardQuery.SYSTEM,
            DashboardQuery.days(null, "org-a", null, null, null, null, Visibility.ORGANISATION),
            DashboardQuery.days(null, "org-b", "team-3", null, null, null, Visibility.TEAM),
            DashboardQuery.days("fife", null, null, "housing", null, null, Visibility.SYSTEM),
            DashboardQuery.days(null, null, null, null, LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-30"),
                    Visibility.SYSTEM),
            DashboardQuery.SYSTEM.shownUnder(new SmallNumbers(3, 5, CellKeys.of("a secret of the test"))));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void readsWhatADashboardReadAfreshReadsWhateverHappenedBetweenItsReads(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MovingClock clock = new MovingClock(START);
        DashboardsUnderTest projection = new DashboardsUnderTest(database, clock);
        List<String> recorded = new ArrayList<>();
        long position = 0;
        int resumed = 0;
        for (int step = 0; step < 150; step++) {
            Instant now = clock.instant();
            // One fact in five recorded by an instance whose clock runs up to two minutes behind or ahead of this one's.
            Instant knownAt = random.nextInt(5) == 0 ? now.plusSeconds(random.nextInt(-120, 121)) : now;
            Actor person = PEOPLE.get(random.nextInt(PEOPLE.size()));
            int action = random.nextInt(100);
            DomainEvent event = null;
            String aggregate = null;
            if (action < 50) {
                aggregate = "l" + recorded.size();
                recorded.add(aggregate);
                event = new LearningRecorded(aggregate, pick(random, LearningKind.values()), "Said " + aggregate,
                        null, themes(random), pick(random, Perspective.values()), pick(random, Visibility.values()),
                        null, null, null, person, now.minus(Duration.ofHours(random.nextInt(0, 24 * 20))));
            } else if (action < 62 && !recorded.isEmpty()) {
                aggregate = recorded.get(random.nextInt(recorded.size()));
                event = new LearningAmplified(aggregate, pick(random, Visibility.values()), person, knownAt);
            } else if (action < 70 && !recorded.isEmpty()) {
                aggregate = recorded.get(random.nextInt(recorded.size()));
                event = new LearningRetracted(aggregate, "Not ours to share", person, knownAt);
            } else if (action < 72) {
                aggregate = person.personId();
                event = new ConsentWithdrawn(person.personId(), null, person, knownAt);
            } else if (action < 90) {
                clock.set(now.plus(Duration.ofMinutes(random.nextInt(1, 30))));
            } else if (action < 96) {
                clock.set(now.plus(Duration.ofHours(random.nextInt(6, 72))));
            } else {
                clock.set(now.minus(Duration.ofSeconds(random.nextInt(1, 180))));
            }
            if (event != null) {
                projection.apply(List.of(new ProjectedEvent(envelope(aggregate, step, ++position, event, knownAt),
                        event, random.nextInt(3))));
            }
            for (DashboardQuery query : QUERIES) {
                Dashboards.Live followed = projection.followed(query);
                Dashboard read = followed.read();
                resumed += followed.resumed() ? 1 : 0;
                Dashboard afresh = projection.dashboards.dashboard(query.asOf(read.asOf()));
                assertThat(read.sameAs(afresh)).as("seed %d, step %d, %s:%n%s%n%s", seed, step, query.filters(),
                        read, afresh).isTrue();
            }
        }
        assertThat(resumed).as("reads that counted only what was added").isGreaterThan(QUERIES.size() * 20);
    }

    private static List<String> themes(SplittableRandom random) {
        List<String> themes = new ArrayList<>(THEMES);
        Collections.shuffle(themes, new Random(random.nextLong()));
        return themes.subList(0, random.nextInt(0, 3));
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
