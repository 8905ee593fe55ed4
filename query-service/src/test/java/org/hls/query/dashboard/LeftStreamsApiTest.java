package org.hls.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hls.query.support.Http;
import org.hls.query.support.Http.EventStream;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Streams a client left, with keep-alives too far apart to find them meanwhile. */
@IntegrationTest
@TestPropertySource(properties = "hls.dashboard.keep-alive=1h")
class LeftStreamsApiTest extends StackProperties {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Value("${hls.dashboard.keep-alive}")
    Duration keepAlive;
    @Value("${hls.dashboard.streams-per-person}")
    int streamsPerPerson;

    @Test
    void aStreamItsClientLeftFreesItsPlaceWhenThePersonAsksForOneMore() throws Exception {
        // Found by review: a page that changed its filters left its old stream counted until the next keep-alive
        // (15 s by default, the only write to a quiet dashboard's streams), and a person who changed them quickly
        // was refused as having too many open.
        assertThat(keepAlive).as("no keep-alive finds the stream meanwhile").isGreaterThan(PATIENCE.multipliedBy(2));
        Http http = new Http(port);
        awaitReady(port); // a stream starts once the history has caught up
        String token = STACK.tokens().issue("switcher", "Switcher", List.of("LEADER"), "council", "board", "fife");
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < streamsPerPerson; i++) {
                EventStream stream = http.stream("/api/dashboards/system/stream", token);
                open.add(stream);
                assertThat(stream.status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }

            open.remove(0).close();

            await("the stream left frees its place").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                EventStream again = http.stream("/api/dashboards/system/stream", token);
                open.add(again);
                return again.status().get(10, TimeUnit.SECONDS) == 200;
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }
}
