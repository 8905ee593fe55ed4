package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ServletStreamClientTest {

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockHttpServletRequest request = requestAnsweredBy(response);

    /** A request whose asynchronous mode answers with {@code response}, as the container's own does. */
    private static MockHttpServletRequest requestAnsweredBy(MockHttpServletResponse response) {
        return new MockHttpServletRequest() {
            @Override
            public AsyncContext startAsync() {
                return startAsync(this, response);
            }
        };
    }

    /**
     * Found by {@code DashboardApiTest}: the container hands a finished response to the next request, and a
     * keep-alive written to a stream that had just ended broke another person's new stream.
     */
    @Test
    void aStreamThatHasEndedIsNeverWrittenAgain() throws IOException {
        request.setAsyncSupported(true);
        ServletStreamClient client = ServletStreamClient.open(request, response, Duration.ofMinutes(1));
        AtomicInteger ended = new AtomicInteger();
        client.whenEnded(ended::incrementAndGet);
        client.write(bytes("id:1\n\n"));
        client.flush();

        request.getAsyncContext().complete();

        assertThat(ended).hasValue(1);
        assertThat(client.isReady()).isFalse();
        assertThatThrownBy(() -> client.write(bytes(":keep-alive\n\n"))).isInstanceOf(IOException.class);
        assertThatThrownBy(client::flush).isInstanceOf(IOException.class);
        assertThat(response.getContentAsString()).isEqualTo("id:1\n\n");
    }

    /**
     * The container ends a stream holding a lock of its own, which a write that fails needs too: ending waits for a
     * write in progress only briefly, or the two would wait for each other for ever.
     */
    @Test
    void aWriteThatHangsDoesNotHoldUpTheEndOfItsStream() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        MockHttpServletResponse hanging = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                return new HangingOutput(writing, released);
            }
        };
        MockHttpServletRequest answered = requestAnsweredBy(hanging);
        answered.setAsyncSupported(true);
        ServletStreamClient client = ServletStreamClient.open(answered, hanging, Duration.ofMinutes(1));
        AtomicInteger ended = new AtomicInteger();
        client.whenEnded(ended::incrementAndGet);
        Thread writer = new Thread(() -> {
            try {
                client.write(bytes("id:1\n\n"));
            } catch (IOException expected) {
                // it ended meanwhile
            }
        });
        writer.start();
        try {
            assertThat(writing.await(5, TimeUnit.SECONDS)).as("the write has started").isTrue();

            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> answered.getAsyncContext().complete());

            assertThat(ended).as("whoever follows it is told at once").hasValue(1);
        } finally {
            released.countDown();
            writer.join(5_000);
        }
        assertThat(writer.isAlive()).as("the write finished once the client read again").isFalse();
    }

    @Test
    void aStreamIsAnEventStreamOpenForItsLifetime() throws IOException {
        request.setAsyncSupported(true);

        ServletStreamClient.open(request, response, Duration.ofSeconds(90));

        assertThat(response.getContentType()).startsWith("text/event-stream");
        assertThat(request.getAsyncContext().getTimeout()).isEqualTo(90_000);
    }

    /** An output whose first write hangs until {@code released}, as one to a client that stopped reading would. */
    private static final class HangingOutput extends ServletOutputStream {

        private final CountDownLatch writing;
        private final CountDownLatch released;

        HangingOutput(CountDownLatch writing, CountDownLatch released) {
            this.writing = writing;
            this.released = released;
        }

        @Override
        public void write(int b) throws IOException {
            writing.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
