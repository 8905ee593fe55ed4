package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hls.command.support.People.ALICE;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hls.command.support.ApiTest;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests an outside client sent that answered 500, each writing a stack trace to the log: a broken %-escape in
 * the query (on any path, signed in or not) and the error page asked for directly. Each is a problem now, and a
 * refused command records nothing.
 */
@IntegrationTest
class MalformedRequestsApiTest extends ApiTest {

    private static final String LEARNING = "{\"kind\":\"REFLECTION\",\"summary\":\"People came back\",\"themes\":"
            + "[\"housing\"],\"perspective\":\"PRACTITIONER\",\"visibility\":\"TEAM\"}";

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"GET,/actuator/health?x=%zz,400", "GET,/actuator/health?%=1,400", "POST,/api/learning?x=%E0%A4%A,400",
            "POST,/api/learning?%,400", "GET,/error,404", "POST,/error,404"})
    void isAProblemAndRecordsNothing(String method, String path, int status) throws Exception {
        for (String token : new String[] {null, tokenOf(ALICE)}) {
            long before = storedCommits();

            String answer = send(method, path, token);

            assertThat(answer).startsWith("HTTP/1.1 " + status).containsIgnoringCase(
                    "Content-Type: application/problem+json").doesNotContain("Exception", "at org.");
            assertThat(storedCommits()).isEqualTo(before);
        }
    }

    @Test
    void aCommandWhoseBodyStopsArrivingFreesItsWorkerAndRecordsNothing() throws Exception {
        // Found by an outside client: a body that stopped halfway held a worker for 60 s.
        long before = storedCommits();
        long started = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String request = learningHead() + LEARNING.substring(0, LEARNING.length() / 2);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();

            socket.getInputStream().readAllBytes();
        }

        // Tomcat waits the read timeout (3 s in these tests) for the body, then as long again before it closes.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("until the service let go")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void aBodyTrickledAByteAtATimeIsRefusedOnceItsTimeIsUpAndRecordsNothing() throws Exception {
        // Found by an outside client: a byte now and then, each within the read timeout, held a worker as long as
        // the client liked.
        long before = storedCommits();
        long started = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(learningHead().getBytes(StandardCharsets.UTF_8));
            byte[] body = LEARNING.getBytes(StandardCharsets.UTF_8);
            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            // A byte every half second, until the body is sent or the service stops reading.
            trickle.scheduleAtFixedRate(() -> {
                try {
                    if (sent.get() < body.length) {
                        socket.getOutputStream().write(body[sent.getAndIncrement()]);
                        socket.getOutputStream().flush();
                    }
                } catch (IOException answeredOrClosed) {
                    trickle.shutdown();
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            try {
                String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.UTF_8);

                assertThat(answer).isEqualTo("HTTP/1.1 408");
            } finally {
                trickle.shutdownNow();
            }
        }
        // The whole body had to arrive within 3 s (HTTP_BODY_TIME, as these tests set it); sent in full it would
        // have taken a minute.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("until the service answered")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(storedCommits()).isEqualTo(before);
    }

    /** The request line and headers of Alice's learning command, its body yet to be sent. */
    private static String learningHead() {
        return "POST /api/learning HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + LEARNING.length() + "\r\nAuthorization: Bearer " + tokenOf(ALICE) + "\r\n\r\n";
    }

    /** Sent over a socket as written: Java's own HTTP client refuses to send a malformed escape. */
    private String send(String method, String path, String token) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + LEARNING.length() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n" + LEARNING;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
