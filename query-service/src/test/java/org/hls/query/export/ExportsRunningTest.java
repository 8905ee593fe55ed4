package org.hls.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hls.query.web.Refusal;
import org.junit.jupiter.api.Test;

/**
 * Found by review: nothing bounded how many exports one person ran at once, each holding a thread and a connection
 * for as long as it was read (up to an hour), so one leader or analyst could take query-service from everyone.
 */
class ExportsRunningTest {

    private final ExportsRunning running = new ExportsRunning(2);

    @Test
    void beyondItsNumberAPersonsExportIsRefusedUntilOneFinishes() {
        Runnable first = running.admit("ana");
        running.admit("ana");

        assertThatThrownBy(() -> running.admit("ana")).isInstanceOfSatisfying(Refusal.class, refused -> {
            assertThat(refused.getStatusCode().value()).isEqualTo(429);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        });
        assertThatCode(() -> running.admit("lee")).as("another person's").doesNotThrowAnyException();

        first.run();
        first.run(); // finished twice (written, then failed) frees one place only
        assertThatCode(() -> running.admit("ana")).doesNotThrowAnyException();
        assertThatThrownBy(() -> running.admit("ana")).isInstanceOf(Refusal.class);
    }
}
