package org.hls.infra.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.hls.events.EventJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rebuilds one of a query-service's projections (the history by default) from the command line and follows it with
 * a progress bar until it is live:
 * {@code java -cp infra/launcher/target/launcher.jar org.hls.infra.launcher.RebuildCommand --source=event-store}.
 * Exits 0 once the rebuilt projection is live, 1 if the rebuild failed.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuilds a projection (by default the history every dashboard reads) beside the live one, "
                + "and follows it.")
public final class RebuildCommand implements Callable<Integer> {

    @Option(names = "--projection", defaultValue = "history",
            description = "which projection, as GET /api/admin/projections names them (default: ${DEFAULT-VALUE})")
    String projection;

    @Option(names = "--source", description = "topic or event-store; by default the topic while it holds the whole "
            + "history, else the event store first")
    String source;

    @Option(names = "--query-service", defaultValue = "${env:QUERY_SERVICE_URL:-http://localhost:8082}",
            description = "query-service's address (default: ${DEFAULT-VALUE})")
    String queryService;

    @CommandLine.Mixin
    AdminAccess access = new AdminAccess();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RebuildCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String admin = access.admin("rebuild");
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(queryService
                        + "/api/admin/projections/" + projection + "/rebuild"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(source == null ? "{}"
                        : "{\"source\":\"" + source + "\"}")).build());
        if (started.statusCode() == 409) {
            System.out.println("A rebuild is running already; following it.");
        } else if (started.statusCode() != 202) {
            System.err.println("The rebuild was refused: " + started.statusCode() + " " + started.body());
            return 1;
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Rebuilding " + projection)
                .setStyle(ProgressBarStyle.ASCII).setInitialMax(1).setUnit(" events", 1).build()) {
            while (true) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(queryService
                        + "/api/admin/projections/" + projection)).header("Authorization", "Bearer " + admin).build());
                if (answer.statusCode() != 200) {
                    // A token expired, another instance answering that knows nothing of it: never followed for ever.
                    System.err.println("Following the rebuild was refused: " + answer.statusCode() + " "
                            + answer.body());
                    return 1;
                }
                JsonNode rebuild = EventJson.toTree(answer.body()).path("rebuild");
                if (rebuild.path("state").isMissingNode()) {
                    System.err.println("The instance that answered runs no rebuild of " + projection + ": "
                            + answer.body());
                    return 1;
                }
                bar.maxHint(Math.max(1, rebuild.path("eventsExpected").asLong()));
                bar.stepTo(rebuild.path("eventsDone").asLong());
                bar.setExtraMessage(String.format(" %,.0f/s", rebuild.path("eventsPerSecond").asDouble()));
                String state = rebuild.path("state").asText();
                if (state.equals("finished")) {
                    bar.stepTo(bar.getMax());
                    break;
                }
                if (state.equals("failed")) {
                    System.err.println("The rebuild failed: " + rebuild.path("failure").asText());
                    return 1;
                }
                Thread.sleep(500);
            }
        }
        System.out.println("The rebuilt " + projection + " is live.");
        return 0;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
