package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ServletStreamClientTest {

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    /** A request whose asynchronous mode answers with {@link #response}, as the container's own does. */
    private final MockHttpServletRequest request = new MockHttpServletRequest() {
        @Override
        public AsyncContext startAsync() {
            return startAsync(this, response);
        }
    };

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

    @Test
    void aStreamIsAnEventStreamOpenForItsLifetime() throws IOException {
        request.setAsyncSupported(true);

        ServletStreamClient.open(request, response, Duration.ofSeconds(90));

        assertThat(response.getContentType()).startsWith("text/event-stream");
        assertThat(request.getAsyncContext().getTimeout()).isEqualTo(90_000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
