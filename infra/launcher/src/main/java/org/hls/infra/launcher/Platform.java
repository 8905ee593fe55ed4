package org.hls.infra.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.hls.infra.embedded.EmbeddedStack;

/**
 * The whole platform on the embedded default: store, broker and token issuer, then command-service and
 * query-service, each in its own JVM, all on loopback. Stopping it stops everything, in reverse order.
 */
public final class Platform implements AutoCloseable {

    /**
     * The secret small-number control draws its noise with, the same for every platform started here (so that a
     * backup restored into another shows the same figures): a development secret, as the token issuer is a
     * development issuer. A deployment sets its own (infra/deploy).
     */
    private static final String SMALL_NUMBERS_KEY = "the embedded platform's development secret";

    private final PlatformSettings settings;
    private final EmbeddedStack stack;
    private final ServiceProcess commandService;
    private final ServiceProcess queryService;
    private final Map<String, String> shared;
    private final Map<String, String> commandEnvironment;
    private final Map<String, String> queryEnvironment;

    private Platform(PlatformSettings settings, EmbeddedStack stack) {
        this.settings = settings;
        this.stack = stack;
        this.shared = Map.of(
                "MONGODB_URI", settings.servicesMongoPort() == settings.mongoPort() ? stack.store().connectionString()
                        : "mongodb://127.0.0.1:" + settings.servicesMongoPort(),
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers(),
                "JWKS_URI", stack.tokens().jwksUri(),
                "JWT_ISSUER", stack.tokens().issuer());
        String commandUrl = "http://localhost:" + settings.commandPort();
        String pageOrigin = "http://localhost:" + settings.queryPort();
        this.commandEnvironment = Map.of("WEB_ORIGINS", pageOrigin);
        // query-service's own client, to read the event store when a view must build itself from it unasked.
        String serviceSecret = UUID.randomUUID().toString();
        String tokenUri = stack.tokens().serviceClient("query-service", serviceSecret, "events.read");
        this.queryEnvironment = Map.of("COMMAND_SERVICE_URL", commandUrl, "DEV_ISSUER_URL", settings.issuerUrl(),
                "OIDC_ISSUER_URL", settings.issuerUrl(), "EVENT_STORE_CLIENT_ID", "query-service",
                "EVENT_STORE_CLIENT_SECRET", serviceSecret, "EVENT_STORE_TOKEN_URI", tokenUri,
                "SMALL_NUMBERS_KEY", SMALL_NUMBERS_KEY);
        this.commandService = service("command-service", "command-service", settings.commandPort(),
                "COMMAND_SERVICE_PORT", settings.serviceHeap(), commandEnvironment);
        this.queryService = service("query-service", "query-service", settings.queryPort(), "QUERY_SERVICE_PORT",
                settings.queryServiceHeap(), queryEnvironment);
    }

    /**
     * Another instance of each service, command-service on {@code commandPort} and query-service on
     * {@code queryPort}, against this platform's store, broker and issuer, as a deployment of several instances runs
     * them: not started yet; each with its own log, query-service with its own history checkpoints.
     */
    public List<ServiceProcess> moreInstances(int commandPort, int queryPort) {
        Map<String, String> query = new HashMap<>(queryEnvironment);
        query.put("HISTORY_CHECKPOINT_ID", "query-service-" + queryPort);
        return List.of(
                service("command-service", "command-service-" + commandPort, commandPort, "COMMAND_SERVICE_PORT",
                        settings.serviceHeap(), commandEnvironment),
                service("query-service", "query-service-" + queryPort, queryPort, "QUERY_SERVICE_PORT",
                        settings.queryServiceHeap(), query));
    }

    public static Platform start(PlatformSettings settings) {
        EmbeddedStack stack = EmbeddedStack.start(settings.dataDir(), settings.mongoPort(), settings.kafkaPort(),
                settings.kafkaControllerPort(), settings.issuerPort());
        Platform platform = new Platform(settings, stack);
        try {
            // Side by side: neither needs the other to start (query-service waits for the topic by itself).
            CompletableFuture<Void> query = CompletableFuture.runAsync(platform.queryService::start);
            try {
                platform.commandService.start();
            } finally {
                awaitStarted(query);
            }
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private static void awaitStarted(CompletableFuture<Void> start) {
        try {
            start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public PlatformSettings settings() {
        return settings;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public ServiceProcess commandService() {
        return commandService;
    }

    public ServiceProcess queryService() {
        return queryService;
    }

    /** Stops both services at once (each is killed if it takes longer than a few seconds), then the stack. */
    @Override
    public void close() {
        Thread query = new Thread(queryService::stop, "stop-query-service");
        query.start();
        commandService.stop();
        try {
            query.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.close();
    }

    private ServiceProcess service(String service, String instance, int port, String portVariable, String heap,
                                   Map<String, String> own) {
        Map<String, String> environment = new HashMap<>(shared);
        environment.putAll(own);
        environment.put(portVariable, Integer.toString(port));
        Path jar = settings.home().resolve(service).resolve("target").resolve(service + ".jar");
        return new ServiceProcess(instance, jar, environment, heap,
                settings.dataDir().resolve("logs").resolve(instance + ".log"), "http://localhost:" + port);
    }
}
