package org.hls.infra.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hls.infra.embedded.Ports;

/**
 * Where the platform lives and listens. Every value can be set by environment variable; the defaults are the
 * addresses of the HTTP contract.
 *
 * @param home              the repository root, where the services' jars are built
 * @param dataDir           where the store, the broker and the issuer keep their data, and the services their logs
 * @param serviceHeap       command-service's heap (-Xmx)
 * @param queryServiceHeap  query-service's heap: each open dashboard stream holds about 96 KB of it, and an instance
 *                          takes as many as half its heap holds (1g: 5,000 screens)
 * @param servicesMongoPort where the services reach the store: its own port, or a link in between that a fault
 *                          campaign cuts and slows
 */
public record PlatformSettings(Path home,
                               Path dataDir,
                               int issuerPort,
                               int commandPort,
                               int queryPort,
                               int kafkaPort,
                               int kafkaControllerPort,
                               int mongoPort,
                               String serviceHeap,
                               String queryServiceHeap,
                               int servicesMongoPort) {

    public static PlatformSettings fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HLS_HOME", ".")).toAbsolutePath().normalize();
        return new PlatformSettings(home,
                home.resolve(env.getOrDefault("HLS_DATA_DIR", "data")).normalize(),
                port(env, "DEV_ISSUER_PORT", 8080),
                port(env, "COMMAND_SERVICE_PORT", 8081),
                port(env, "QUERY_SERVICE_PORT", 8082),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "MONGODB_PORT", 27017),
                env.getOrDefault("HLS_SERVICE_HEAP", "384m"),
                env.getOrDefault("HLS_QUERY_SERVICE_HEAP", "1g"),
                port(env, "SERVICES_MONGODB_PORT", port(env, "MONGODB_PORT", 27017)));
    }

    /** Settings on free ports, for tests that run beside anything else. */
    public static PlatformSettings onFreePorts(Path home, Path dataDir) {
        int mongoPort = Ports.free();
        return new PlatformSettings(home, dataDir, Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), mongoPort, "320m", "320m", mongoPort);
    }

    /** The same settings with the services reaching the store through {@code port} (a link a test can cut). */
    public PlatformSettings withServicesMongoPort(int port) {
        return new PlatformSettings(home, dataDir, issuerPort, commandPort, queryPort, kafkaPort, kafkaControllerPort,
                mongoPort, serviceHeap, queryServiceHeap, port);
    }

    /** The ports the platform listens on, each by the variable that sets it. */
    public Map<String, Integer> listeningPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("DEV_ISSUER_PORT", issuerPort);
        ports.put("COMMAND_SERVICE_PORT", commandPort);
        ports.put("QUERY_SERVICE_PORT", queryPort);
        ports.put("KAFKA_PORT", kafkaPort);
        ports.put("KAFKA_CONTROLLER_PORT", kafkaControllerPort);
        ports.put("MONGODB_PORT", mongoPort);
        return ports;
    }

    public String issuerUrl() {
        return "http://localhost:" + issuerPort;
    }

    public String commandServiceUrl() {
        return "http://localhost:" + commandPort;
    }

    public String queryServiceUrl() {
        return "http://localhost:" + queryPort;
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(defaultPort)));
    }
}
