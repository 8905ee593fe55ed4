package org.hls.query.history;

import java.time.Instant;

/**
 * How a rebuild is going, or went.
 *
 * @param source          where it reads history first: {@code topic} or {@code event-store}
 * @param state           {@code running}, {@code finished} (it is the live history now) or {@code failed}
 * @param eventsDone      events applied so far
 * @param eventsExpected  events it expects to apply before it catches up, as far as it knows yet
 * @param eventsPerSecond events applied per second since it started
 * @param secondsLeft     an estimate of the seconds until it catches up, or {@code null} when unknown
 * @param failure         why it failed, or {@code null}
 */
public record RebuildStatus(String source,
                            String state,
                            Instant startedAt,
                            long eventsDone,
                            long eventsExpected,
                            double eventsPerSecond,
                            Long secondsLeft,
                            String failure) {
}
