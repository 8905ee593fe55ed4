package org.hls.infra.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Chromium's browser contexts, each with cookies, storage, service workers, cache and tabs of its own, as a browser
 * started on a fresh profile has, opened in a fifth of the time such a start takes (as Playwright and Puppeteer give
 * each test). Reached through the browser's own DevTools endpoint: ChromeDriver's CDP command speaks to the page,
 * which may not create contexts; its tabs are then window handles like any other.
 */
final class BrowserContexts implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket devTools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

    BrowserContexts(ChromeDriver chromium) {
        String address = String.valueOf(((Map<?, ?>) chromium.getCapabilities().getCapability("goog:chromeOptions"))
                .get("debuggerAddress"));
        HttpClient http = HttpClient.newHttpClient();
        try {
            String browserUrl = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + address
                    + "/json/version")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .get("webSocketDebuggerUrl").asText();
            devTools = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(browserUrl), new Answers()).join();
        } catch (IOException e) {
            throw new IllegalStateException("Chromium's DevTools endpoint at " + address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new context, empty. */
    String create() {
        return send("Target.createBrowserContext", Map.of()).get("browserContextId").asText();
    }

    /** A new tab in {@code context}: its id is its WebDriver window handle. */
    String newTab(String context) {
        return send("Target.createTarget", Map.of("url", "about:blank", "browserContextId", context))
                .get("targetId").asText();
    }

    /** Closes the context's tabs and forgets all it held. */
    void dispose(String context) {
        send("Target.disposeBrowserContext", Map.of("browserContextId", context));
    }

    @Override
    public void close() {
        devTools.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }

    private JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        try {
            devTools.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                    .join();
            JsonNode message = answer.get(30, TimeUnit.SECONDS);
            if (message.has("error")) {
                throw new IllegalStateException(method + ": " + message.get("error"));
            }
            return message.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException refused ? refused : new IllegalStateException(method, e);
        } finally {
            answers.remove(id);
        }
    }

    /** Hands each answer to its command; the browser's events (none asked for) are let go. */
    private final class Answers implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> answer = message.has("id") ? answers.get(message.get("id").asInt())
                            : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    answers.values().forEach(answer -> answer.completeExceptionally(e));
                } finally {
                    text.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            answers.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException(
                    "the browser closed its DevTools connection: " + status + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            answers.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }
}
