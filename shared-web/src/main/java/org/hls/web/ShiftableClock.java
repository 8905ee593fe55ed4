package org.hls.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A service's clock: the system's, or, where a fault campaign asks for it ({@code hls.faults.clock-shifts}), the
 * system's shifted by the duration a file holds ({@code PT2H}, {@code -PT40M}), so that the campaign can make it jump
 * forwards or back while the service runs, as a host's clock does when it is corrected. The file is read again at
 * most every {@link #READ_EVERY}; no file is no shift.
 */
public final class ShiftableClock extends Clock {

    static final Duration READ_EVERY = Duration.ofMillis(100);

    private final Path shiftFile;
    private volatile Duration shift = Duration.ZERO;
    private volatile long readAt = System.nanoTime() - READ_EVERY.toNanos();

    private ShiftableClock(Path shiftFile) {
        this.shiftFile = shiftFile;
    }

    /** The system clock in UTC when {@code shifts} is blank, else one shifted by {@code shifts/<service>.shift}. */
    public static Clock of(String shifts, String service) {
        return shifts == null || shifts.isBlank() ? Clock.systemUTC()
                : new ShiftableClock(Path.of(shifts, service + ".shift"));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + shift().toMillis();
    }

    private Duration shift() {
        long now = System.nanoTime();
        if (now - readAt >= READ_EVERY.toNanos()) {
            readAt = now;
            try {
                shift = Duration.parse(Files.readString(shiftFile).strip());
            } catch (NoSuchFileException none) {
                shift = Duration.ZERO;
            } catch (IOException | DateTimeParseException halfWritten) {
                // Read again next time; meanwhile the last shift holds.
            }
        }
        return shift;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A service's clock is in UTC");
    }
}
