package org.hls.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The files in {@code infra/deploy} run nowhere here (no Docker engine, no cluster), so they are read instead: every
 * variable they give a service is one it reads, every one it cannot do without is given, ports, names and selectors
 * meet, and Kafka and MongoDB are set up as the README recommends for a cluster.
 */
class DeployFilesTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();
    private static final Path DEPLOY = HOME.resolve("infra/deploy");
    /** The JVM's own options, which no service reads as a setting. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final List<String> SERVICES = List.of("command-service", "query-service");
    private static final Map<String, Integer> PORTS = Map.of("command-service", 8081, "query-service", 8082);
    /**
     * Health and metrics on a port of their own, which no proxy or ingress passes on: the metrics count every kind of
     * event exactly, for the platform's operators only. (Spring Boot's own variable, not one application.yml reads.)
     */
    private static final String MANAGEMENT_PORT = "MANAGEMENT_SERVER_PORT";
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("command-service", 9081, "query-service", 9082);

    /** The variables each service reads (its application.yml's placeholders) and their defaults. */
    private static Map<String, String> readBy(String service) throws IOException {
        Matcher placeholder = PLACEHOLDER.matcher(Files.readString(
                HOME.resolve(service + "/src/main/resources/application.yml")));
        Map<String, String> variables = new LinkedHashMap<>();
        while (placeholder.find()) {
            variables.put(placeholder.group(1), placeholder.group(2) == null ? "" : placeholder.group(2));
        }
        return variables;
    }

    /**
     * What a deployment beyond one machine must give a service: every address that defaults to this machine, and
     * whose tokens to trust. The event store client is optional (README), and a fault campaign's clock shifts.
     */
    private static Set<String> requiredBy(String service) throws IOException {
        return readBy(service).entrySet().stream()
                .filter(variable -> variable.getValue().isEmpty() || variable.getValue().contains("localhost"))
                .map(Map.Entry::getKey)
                .filter(name -> !name.startsWith("EVENT_STORE_"))
                .filter(name -> !name.equals("CLOCK_SHIFTS")) // only a fault campaign sets it
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> composeService) {
        Map<String, String> environment = new HashMap<>();
        ((Map<String, Object>) composeService.getOrDefault("environment", Map.of()))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    private static String serviceOf(String instance) {
        return SERVICES.stream().filter(instance::startsWith).findFirst().orElse(null);
    }

    @Test
    void composeGivesEachInstanceOnlyVariablesItReadsAndAllItNeeds() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        Map<String, Integer> instances = new HashMap<>();
        for (var instance : services.entrySet()) {
            String service = serviceOf(instance.getKey());
            if (service == null) {
                continue;
            }
            instances.merge(service, 1, Integer::sum);
            assertThat(instance.getValue().get("stop_grace_period")).as(instance.getKey()
                    + " is not killed before three shutdown phases of 10 s").isEqualTo("40s");
            Map<String, String> environment = environment(instance.getValue());
            assertThat(environment).as(instance.getKey() + " serves health and metrics on a port of their own")
                    .containsEntry(MANAGEMENT_PORT, String.valueOf(MANAGEMENT_PORTS.get(service)));
            Set<String> given = new HashSet<>(environment.keySet());
            given.remove(MANAGEMENT_PORT);
            given.remove(JVM_OPTIONS);
            if (service.equals("query-service")) {
                assertRoomForTwoHistories(instance.getKey(), environment.get(JVM_OPTIONS),
                        String.valueOf(instance.getValue().get("mem_limit")));
            } else {
                assertBoundedWithin(instance.getKey(), environment.get(JVM_OPTIONS),
                        String.valueOf(instance.getValue().get("mem_limit")));
            }
            assertThat(readBy(service).keySet()).as(instance.getKey() + " reads every variable it is given")
                    .containsAll(given);
            assertThat(given).as(instance.getKey() + " is given every address and what to trust")
                    .containsAll(requiredBy(service));
        }
        assertThat(instances).as("two instances of each service").isEqualTo(Map.of("command-service", 2,
                "query-service", 2));
        assertThat(services.keySet().stream().filter(name -> name.startsWith("command-service"))
                .map(name -> environment(services.get(name)).get("IMPORTS_ENABLED")))
                .as("imports off but while restoring").containsOnly("${IMPORTS_ENABLED:-false}");
        assertThat(services.keySet().stream().filter(name -> name.startsWith("query-service"))
                .map(name -> environment(services.get(name)).get("HISTORY_CHECKPOINT_ID")).distinct().count())
                .as("each query-service instance its own history checkpoints").isEqualTo(2);
    }

    /**
     * Found in review of the deployment: query-service's history lives off the heap, twice over during a rebuild, and
     * the JVM's default bound on that memory (as much again as the heap) let heap and history outgrow the limit: the
     * kernel killed the instance. Its options give heap and history each a bound that fits the limit, with room left.
     */
    private static void assertRoomForTwoHistories(String instance, String options, String limit) {
        long[] bounds = assertBoundedWithin(instance, options, limit);
        assertThat(bounds[1]).as(instance + " holds two histories of a million events").isGreaterThanOrEqualTo(512);
        assertThat(bounds[0]).as(instance + " holds 5,000 open screens").isGreaterThanOrEqualTo(768);
    }

    /**
     * Found by review: command-service's image took 75 % of its limit for the heap and as much again for direct
     * buffers, and under Compose (no limit) sized both by the whole host. Asserts that {@code options} bound the heap
     * and the memory off it, and that both fit {@code limit} with room left; answers each bound, in MiB.
     */
    private static long[] assertBoundedWithin(String instance, String options, String limit) {
        assertThat(options).as(instance + " bounds its heap and the memory off it").isNotNull();
        Matcher share = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        Matcher direct = Pattern.compile("-XX:MaxDirectMemorySize=(\\d+)m").matcher(options);
        assertThat(share.find() && direct.find()).as(instance + ": " + options).isTrue();
        long limitMiB = mebibytes(limit);
        long heapMiB = limitMiB * Long.parseLong(share.group(1)) / 100;
        long offHeapMiB = Long.parseLong(direct.group(1));
        assertThat(heapMiB + offHeapMiB + 256).as(instance + " within its limit of " + limit)
                .isLessThanOrEqualTo(limitMiB);
        return new long[] {heapMiB, offHeapMiB};
    }

    /** A memory limit as Kubernetes (2Gi, 1536Mi) or Compose (2g) writes it, in MiB. */
    private static long mebibytes(String limit) {
        Matcher amount = Pattern.compile("(\\d+)(Gi|Mi|g|m)").matcher(String.valueOf(limit));
        assertThat(amount.matches()).as("a memory limit: " + limit).isTrue();
        long value = Long.parseLong(amount.group(1));
        return amount.group(2).startsWith("G") || amount.group(2).equals("g") ? value * 1024 : value;
    }

    @Test
    void composeProxyHoldsEveryOpenScreenAndPassesOverAnInstanceNotReady() throws IOException {
        String nginx = Files.readString(DEPLOY.resolve("compose/nginx.conf"));
        Matcher connections = Pattern.compile("worker_connections (\\d+);").matcher(nginx);
        assertThat(connections.find()).as("nginx's 512 connections by default held some 250 screens").isTrue();
        assertThat(Integer.parseInt(connections.group(1))).as("two connections a screen, 5,000 screens an instance")
                .isGreaterThanOrEqualTo(2 * 2 * 5_000);
        String queryServer = nginx.substring(nginx.indexOf("listen 8082;"));
        assertThat(queryServer).as("an instance catching up answers 503; the other answers instead")
                .containsPattern("proxy_next_upstream [^;]*http_503");
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile"))).as("the heap alert watches G1's pools")
                .contains("-XX:+UseG1GC");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeKeepsTheMetricsOnItsHostAndReachesTheEventStoreInside() throws IOException {
        // Found by review: Prometheus (the exact counts the services keep to a private port) and Grafana (admin/admin)
        // answered on every interface of the host.
        Map<String, Map<String, Object>> services = composeServices();
        for (String monitor : List.of("prometheus", "grafana")) {
            assertThat((List<String>) services.get(monitor).get("ports")).as(monitor)
                    .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        }
        // Found by review: query-service read the event store at the page's address, localhost in its container.
        assertThat(environment(services.get("query-service-1"))).containsEntry("EVENT_STORE_URL", "http://proxy:8081");
        assertThat(environment(services.get("grafana")).get("GF_SECURITY_ADMIN_PASSWORD"))
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
        assertThat(Files.readString(DEPLOY.resolve("compose/compose.yaml")))
                .as("its start command names every variable it requires").contains("SMALL_NUMBERS_KEY=")
                .contains("GRAFANA_ADMIN_PASSWORD=");
    }

    @Test
    void composeRunsKafkaAndMongoDbAsTheReadmeRecommendsForACluster() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        Map<String, String> commandService = environment(services.get("command-service-1"));
        assertThat(commandService).containsEntry("KAFKA_TOPIC_REPLICAS", "3")
                .containsEntry("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2");
        assertThat(Files.readString(HOME.resolve("README.md")))
                .contains("`KAFKA_TOPIC_REPLICAS=3` and `2` here");

        List<String> brokers = services.keySet().stream().filter(name -> name.startsWith("kafka-")).toList();
        assertThat(brokers).hasSize(3);
        Set<String> nodeIds = new HashSet<>();
        for (String broker : brokers) {
            Map<String, String> kafka = environment(services.get(broker));
            nodeIds.add(kafka.get("KAFKA_NODE_ID"));
            assertThat(kafka).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + broker + ":9092");
            for (String voter : kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")) {
                assertThat(brokers).contains(voter.replaceAll("^\\d+@|:\\d+$", ""));
            }
        }
        assertThat(nodeIds).hasSize(3);
        for (String address : commandService.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            assertThat(brokers).contains(address.replace(":9092", ""));
        }

        String uri = commandService.get("MONGODB_URI");
        Matcher replicaSet = Pattern.compile("^mongodb://([^/]+)/\\?replicaSet=(\\w+)$").matcher(uri);
        assertThat(replicaSet.matches()).as(uri).isTrue();
        String[] members = replicaSet.group(1).split(",");
        assertThat(members).hasSize(3);
        for (String member : members) {
            String host = member.replace(":27017", "");
            assertThat(services).containsKey(host);
            assertThat(String.valueOf(services.get(host).get("command")))
                    .contains("--replSet, " + replicaSet.group(2));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeProxyAndPrometheusReachEveryInstanceAtItsPort() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        String nginx = Files.readString(DEPLOY.resolve("compose/nginx.conf"));
        Map<String, Object> prometheus = new Yaml().load(Files.readString(DEPLOY.resolve("monitoring/prometheus.yml")));
        Set<String> scraped = new HashSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                scraped.addAll((List<String>) targets.get("targets"));
            }
        }
        for (String instance : services.keySet()) {
            String service = serviceOf(instance);
            if (service != null) {
                String address = instance + ":" + PORTS.get(service);
                String management = instance + ":" + MANAGEMENT_PORTS.get(service);
                assertThat(nginx).as("the proxy passes to " + address).contains("server " + address + ";")
                        .as("and never to health and metrics").doesNotContain(management);
                assertThat(scraped).as("Prometheus scrapes " + management).contains(management);
            }
        }
        assertThat(scraped).allSatisfy(target -> assertThat(services).containsKey(target.replaceAll(":\\d+$", "")));
    }

    /** Every document of every manifest, in order. */
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        Map<String, Object> kustomization = new Yaml().load(Files.readString(DEPLOY.resolve(
                "kubernetes/kustomization.yaml")));
        for (Object file : (List<?>) kustomization.get("resources")) {
            for (Object document : new Yaml().loadAll(Files.readString(DEPLOY.resolve("kubernetes/" + file)))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> manifest = (Map<String, Object>) document;
                documents.add(manifest);
            }
        }
        return documents;
    }

    private static Object at(Object node, String... path) {
        for (String key : path) {
            node = node instanceof Map<?, ?> map ? map.get(key) : node instanceof List<?> list
                    ? list.get(Integer.parseInt(key)) : null;
        }
        return node;
    }

    private static String name(Map<String, Object> manifest) {
        return (String) at(manifest, "metadata", "name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesGivesEachServiceWhatItReadsAndProbesAndScalesIt() throws IOException {
        List<Map<String, Object>> manifests = manifests();
        Map<String, String> config = manifests.stream().filter(m -> "ConfigMap".equals(m.get("kind")))
                .findFirst().map(m -> (Map<String, String>) m.get("data")).orElseThrow();
        Map<String, Map<String, Object>> workloads = new HashMap<>();
        for (Map<String, Object> manifest : manifests) {
            String service = name(manifest);
            if (!SERVICES.contains(service) || !Set.of("Deployment", "StatefulSet").contains(manifest.get("kind"))) {
                continue;
            }
            workloads.put(service, manifest);
            Map<String, Object> container = (Map<String, Object>) at(manifest, "spec", "template", "spec",
                    "containers", "0");
            Set<String> given = new HashSet<>(config.keySet());
            ((List<Map<String, Object>>) container.get("env")).forEach(variable -> given.add((String) variable
                    .get("name")));
            String managementPort = String.valueOf(MANAGEMENT_PORTS.get(service));
            assertThat((List<Map<String, Object>>) container.get("env")).as(service + " health and metrics apart")
                    .contains(Map.of("name", MANAGEMENT_PORT, "value", managementPort));
            if (service.equals("query-service")) {
                // Found by review: it read the event store at the page's public address.
                assertThat((List<Map<String, Object>>) container.get("env")).as("the event store inside the cluster")
                        .contains(Map.of("name", "EVENT_STORE_URL", "value", "http://command-service:8081"));
            }
            given.remove(MANAGEMENT_PORT);
            given.remove(JVM_OPTIONS);
            String options = ((List<Map<String, Object>>) container.get("env")).stream()
                    .filter(variable -> JVM_OPTIONS.equals(variable.get("name"))).map(variable ->
                            (String) variable.get("value")).findFirst().orElse(null);
            if (service.equals("query-service")) {
                assertRoomForTwoHistories(service, options, (String) at(container, "resources", "limits", "memory"));
            } else {
                assertBoundedWithin(service, options, (String) at(container, "resources", "limits", "memory"));
            }
            assertThat(readBy(service).keySet()).as(service + " reads every variable it is given").containsAll(given);
            assertThat(given).as(service + " is given every address and what to trust")
                    .containsAll(requiredBy(service));
            assertThat(at(container, "ports", "0", "containerPort")).isEqualTo(PORTS.get(service));
            assertThat(at(container, "ports", "1")).isEqualTo(Map.of("name", "management", "containerPort",
                    MANAGEMENT_PORTS.get(service)));
            assertThat(at(manifest, "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                    .isEqualTo(managementPort);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("management");
            }
            assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(at(container, "resources", "limits", "memory")).as(service + " has a memory limit").isNotNull();
            // Found walking through a rolling upgrade as an operator: no pause before stopping, so requests and
            // reconnecting screens still reached a pod that had begun to stop; and a grace shorter than its stop.
            int pause = (Integer) at(container, "lifecycle", "preStop", "sleep", "seconds");
            assertThat(pause).as(service + " serves on while its endpoints drop it").isGreaterThanOrEqualTo(5);
            assertThat((Integer) at(manifest, "spec", "template", "spec", "terminationGracePeriodSeconds"))
                    .as(service + " is not killed before the pause and three shutdown phases of 10 s")
                    .isGreaterThanOrEqualTo(pause + 30);
            assertThat((Integer) at(manifest, "spec", "replicas")).isGreaterThanOrEqualTo(2);
            assertThat(at(manifest, "spec", "template", "metadata", "labels"))
                    .isEqualTo(at(manifest, "spec", "selector", "matchLabels"));
        }
        assertThat(workloads).containsOnlyKeys(SERVICES);

        Map<String, Object> commandEnvironment = new HashMap<>();
        ((List<Map<String, Object>>) at(workloads.get("command-service"), "spec", "template", "spec", "containers",
                "0", "env")).forEach(variable -> commandEnvironment.put((String) variable.get("name"),
                variable.get("value")));
        assertThat(commandEnvironment).containsEntry("KAFKA_TOPIC_REPLICAS", "3")
                .containsEntry("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2")
                .as("imports off but while restoring").containsEntry("IMPORTS_ENABLED", "false");
        int partitions = Integer.parseInt((String) commandEnvironment.get("KAFKA_TOPIC_PARTITIONS"));

        for (Map<String, Object> manifest : manifests) {
            switch ((String) manifest.get("kind")) {
                case "HorizontalPodAutoscaler" -> {
                    String target = (String) at(manifest, "spec", "scaleTargetRef", "name");
                    assertThat(target).isEqualTo("query-service");
                    assertThat(at(manifest, "spec", "scaleTargetRef", "kind"))
                            .isEqualTo(workloads.get(target).get("kind"));
                    assertThat(at(manifest, "spec", "maxReplicas")).as("no more instances than partitions")
                            .isEqualTo(partitions);
                }
                case "PodDisruptionBudget" -> assertThat(at(manifest, "spec", "selector", "matchLabels"))
                        .isEqualTo(at(workloads.get(name(manifest)), "spec", "selector", "matchLabels"));
                case "Service" -> {
                    String service = name(manifest).replace("-instances", "");
                    assertThat(at(manifest, "spec", "selector"))
                            .isEqualTo(at(workloads.get(service), "spec", "selector", "matchLabels"));
                    assertThat(at(manifest, "spec", "ports", "0", "port")).isEqualTo(PORTS.get(service));
                    assertThat(at(manifest, "spec", "ports", "0", "targetPort")).isEqualTo(at(workloads.get(service),
                            "spec", "template", "spec", "containers", "0", "ports", "0", "name"));
                    assertThat((List<?>) at(manifest, "spec", "ports")).as("health and metrics are not passed on")
                            .hasSize(1);
                }
                case "Ingress" -> {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) at(manifest, "spec", "rules")) {
                        assertThat(SERVICES).contains((String) at(rule, "http", "paths", "0", "backend", "service",
                                "name"));
                        assertThat(at(rule, "http", "paths", "0", "backend", "service", "port", "name"))
                                .isEqualTo("http");
                    }
                }
                case "Kafka" -> assertThat((Map<String, Object>) at(manifest, "spec", "kafka", "config"))
                        .containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2);
                case "KafkaNodePool" -> assertThat(at(manifest, "spec", "replicas")).isEqualTo(3);
                case "MongoDBCommunity" -> assertThat(at(manifest, "spec", "members")).isEqualTo(3);
                default -> {
                }
            }
        }
    }
}
