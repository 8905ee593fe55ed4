package org.hls.query.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A GET sent over a socket exactly as written: Java's own HTTP client refuses to send a malformed %-escape.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The answer to {@code GET path}, with the bearer token unless it is {@code null}, read whole. */
    public static Answer get(int port, String path, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            List<String> head = List.of(answer.substring(0, split).split("\r\n"));
            return new Answer(Integer.parseInt(head.get(0).split(" ")[1]), head.subList(1, head.size()),
                    answer.substring(split + 4));
        }
    }

    /** A status, the header lines and the body as sent (a chunked body with its chunk sizes). */
    public record Answer(int statusCode, List<String> headers, String body) {

        public String header(String name) {
            return headers.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
        }
    }
}
