package org.hls.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.hls.infra.embedded.EmbeddedStack;
import org.hls.infra.embedded.Ports;
import org.hls.infra.embedded.SmallDisk;
import org.hls.infra.launcher.CampaignLoad.Attempt;

/**
 * A fault campaign, Jepsen's way: the platform runs as {@code ./run.sh} runs it, a steady load of commands goes in
 * over HTTP, and faults hit it at random moments, each whether or not the platform has recovered from the last:
 * command-service, query-service or the Kafka broker killed with {@code kill -9} (the launcher starts each again),
 * the store unreachable or slow for a while (through a link between the services and the store), the store's disk
 * full for a while (its files on a small file system of their own, which only root may mount: without it, say so and
 * draw the others), a service's clock jumping forwards or back for a while ({@code ShiftableClock}), and power cuts
 * (every process at once, then the platform started again). Then {@link CampaignCheck} compares the whole history.
 * It prints what it injected and when, and every discrepancy; its exit status is 0 only with none.
 * <p>
 * {@code java -cp infra/launcher/target/launcher.jar org.hls.infra.launcher.FaultCampaign --faults=100 --seed=7}
 * (from the repository root, with the services built; options: {@code --faults}, {@code --seed}, {@code --writers},
 * {@code --gap=2s-8s}, {@code --kinds=DISK_FULL,CLOCK_JUMP}).
 */
public final class FaultCampaign {

    /** A fault, and how often it is drawn relative to the others (a power cut costs a whole restart). */
    enum Fault {
        KILL_COMMAND_SERVICE(3), KILL_QUERY_SERVICE(3), KILL_BROKER(3), STORE_UNREACHABLE(3), SLOW_STORE(3),
        DISK_FULL(3), CLOCK_JUMP(3), POWER_CUT(1);

        final int weight;

        Fault(int weight) {
            this.weight = weight;
        }
    }

    /** Commands accepted before the first fault, and again after the last. */
    private static final int SETTLED = 20;
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /** The store's own file system: room for a long campaign's history, filled and freed by a disk-full fault. */
    private static final String STORE_DISK_SIZE = "1g";

    private final PlatformSettings settings;
    private final int faults;
    private final Set<Fault> kinds;
    private final long seed;
    private final int writers;
    private final Duration shortestGap;
    private final Duration longestGap;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private Consumer<PlatformSettings> whenUp = linked -> { };

    FaultCampaign(PlatformSettings settings, int faults, Set<Fault> kinds, long seed, int writers,
                  Duration shortestGap, Duration longestGap, PrintStream out) {
        this.settings = settings;
        this.faults = faults;
        this.kinds = EnumSet.copyOf(kinds);
        this.seed = seed;
        this.writers = writers;
        this.shortestGap = shortestGap;
        this.longestGap = longestGap;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            String[] option = arg.replaceFirst("^--", "").split("=", 2);
            options.put(option[0], option.length > 1 ? option[1] : "");
        }
        String[] gap = options.getOrDefault("gap", "2s-8s").split("-");
        Path home = Path.of(System.getenv().getOrDefault("HLS_HOME", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fault-campaign-");
        FaultCampaign campaign = new FaultCampaign(PlatformSettings.onFreePorts(home, data),
                Integer.parseInt(options.getOrDefault("faults", "100")), kinds(options.get("kinds")),
                Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime()))),
                Integer.parseInt(options.getOrDefault("writers", "4")), seconds(gap[0]), seconds(gap[1]),
                System.out);
        List<String> discrepancies = campaign.run();
        System.exit(discrepancies.isEmpty() ? 0 : 1);
    }

    /** Runs the campaign and checks the history: every discrepancy found, none when the promises held. */
    List<String> run() throws IOException, InterruptedException {
        Random random = new Random(seed);
        say("seed " + seed + ", " + faults + " faults of " + kinds + ", " + writers + " writers, data in "
                + settings.dataDir());
        int linkPort = Ports.free();
        PlatformSettings linked = settings.withServicesMongoPort(linkPort);
        List<String> injected = new ArrayList<>();
        List<String> discrepancies = new ArrayList<>();
        LauncherProcess launcher = null;
        SmallDisk disk = kinds.contains(Fault.DISK_FULL) ? storeOnASmallDisk() : null;
        try (StoreLink link = StoreLink.open(linkPort, settings.mongoPort())) {
            launcher = LauncherProcess.start(linked, output(0));
            whenUp.accept(linked);
            // What the platform held before (a test's earlier history): not the campaign's to account for.
            Set<String> storedBefore = new CampaignCheck(linked).storedAggregates();
            int powerCuts = 0;
            Map<Fault, Integer> byKind = new EnumMap<>(Fault.class);
            CampaignLoad load = CampaignLoad.start(linked, writers, seed);
            try {
                // Under load from the start: the first fault hits a platform that is accepting commands.
                load.awaitAccepted(SETTLED, RECOVERY);
                while (injected.size() < faults) {
                    LauncherProcess.pause(between(random, shortestGap, longestGap));
                    Fault fault = draw(random, kinds);
                    String done = inject(fault, launcher, link, disk, random);
                    if (done == null) {
                        continue;
                    }
                    if (fault == Fault.POWER_CUT) {
                        launcher = null; // gone with the power: nothing to stop if it does not start again
                        launcher = LauncherProcess.start(linked, output(++powerCuts));
                        done += "; started again";
                    }
                    injected.add(done);
                    byKind.merge(fault, 1, Integer::sum);
                    say(String.format("fault %d: %s", injected.size(), done));
                }
                say("faults by kind: " + byKind);
                link.heal();
                // Load goes on until the platform accepts commands again: what is answered in the recovery counts.
                if (!load.awaitAccepted(SETTLED, RECOVERY)) {
                    discrepancies.add("the platform did not accept " + SETTLED + " commands within " + RECOVERY
                            + " of the last fault");
                }
            } finally {
                load.close();
            }
            List<Attempt> attempts = load.attempts();
            say(summary(attempts));
            say("checking the history");
            discrepancies.addAll(new CampaignCheck(linked).discrepancies(attempts, storedBefore, load.setId()));
        } finally {
            if (launcher != null) {
                launcher.stopAsCtrlCDoes();
            }
            if (disk != null) {
                disk.close();
            }
        }
        discrepancies.forEach(discrepancy -> say("DISCREPANCY: " + discrepancy));
        say(discrepancies.isEmpty() ? "no discrepancy: every accepted command stored once, on the topic, "
                + "counted once, and the same after every projection was rebuilt from the event store"
                : discrepancies.size() + " discrepancies (seed " + seed + ")");
        return discrepancies;
    }

    /**
     * The same campaign, running {@code check} once the platform is up, before any load or fault: a test that ran
     * the platform on the same data before checks that what it was told survived.
     */
    FaultCampaign whenUp(Consumer<PlatformSettings> check) {
        FaultCampaign campaign = new FaultCampaign(settings, faults, kinds, seed, writers, shortestGap, longestGap,
                out);
        campaign.whenUp = check;
        return campaign;
    }

    /**
     * The store's folder on a small file system of its own, holding what it held; {@code null}, said and no longer
     * drawn, where this process may not mount one.
     */
    private SmallDisk storeOnASmallDisk() throws IOException {
        if (!SmallDisk.mountable()) {
            kinds.remove(Fault.DISK_FULL);
            say("no disk-full faults: this machine does not let the campaign mount the store's own small file system "
                    + "(it takes root)");
            return null;
        }
        Path folder = EmbeddedStack.storeFolder(settings.dataDir());
        Path aside = settings.dataDir().resolve("store-before-campaign");
        boolean held = Files.isDirectory(folder);
        if (held) {
            Files.move(folder, aside);
        }
        SmallDisk disk;
        try {
            disk = SmallDisk.mount(folder, STORE_DISK_SIZE);
        } catch (IOException notMounted) {
            if (held) {
                Files.move(aside, folder);
            }
            kinds.remove(Fault.DISK_FULL);
            say("no disk-full faults: " + notMounted.getMessage());
            return null;
        }
        if (held) {
            try (var files = Files.list(aside)) {
                for (Path file : files.toList()) {
                    Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.delete(aside);
        }
        return disk;
    }

    /** Injects {@code fault}; what was done, or {@code null} when it could not be (the process was restarting). */
    private String inject(Fault fault, LauncherProcess launcher, StoreLink link, SmallDisk disk, Random random) {
        try {
            switch (fault) {
                case KILL_COMMAND_SERVICE -> launcher.killService("command-service");
                case KILL_QUERY_SERVICE -> launcher.killService("query-service");
                case KILL_BROKER -> launcher.killKafka();
                case STORE_UNREACHABLE -> {
                    Duration away = between(random, Duration.ofSeconds(1), Duration.ofSeconds(6));
                    link.cut();
                    LauncherProcess.pause(away);
                    link.heal();
                    return "the store unreachable for " + away.toMillis() + " ms";
                }
                case SLOW_STORE -> {
                    long delay = 20 + random.nextInt(280);
                    Duration slow = between(random, Duration.ofSeconds(2), Duration.ofSeconds(8));
                    link.slow(delay);
                    LauncherProcess.pause(slow);
                    link.heal();
                    return "the store " + delay + " ms slower each way for " + slow.toMillis() + " ms";
                }
                case DISK_FULL -> {
                    Duration full = between(random, Duration.ofSeconds(1), Duration.ofSeconds(6));
                    disk.fill();
                    LauncherProcess.pause(full);
                    disk.free();
                    return "the store's disk full for " + full.toMillis() + " ms";
                }
                case CLOCK_JUMP -> {
                    String service = random.nextBoolean() ? "command-service" : "query-service";
                    long minutes = 1 + random.nextInt(180);
                    Duration jump = Duration.ofMinutes(random.nextBoolean() ? minutes : -minutes);
                    Duration held = between(random, Duration.ofSeconds(2), Duration.ofSeconds(8));
                    Path shift = LauncherProcess.clockShifts(settings).resolve(service + ".shift");
                    Files.createDirectories(shift.getParent());
                    Path written = Files.writeString(shift.resolveSibling(service + ".next"), jump.toString());
                    Files.move(written, shift, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    LauncherProcess.pause(held);
                    Files.delete(shift);
                    return service + "'s clock jumped " + jump + " for " + held.toMillis() + " ms, then back";
                }
                case POWER_CUT -> {
                    link.heal();
                    launcher.cutPower();
                    return "power cut: every process of the platform killed at once";
                }
            }
        } catch (IllegalStateException notRunning) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "kill -9 " + switch (fault) {
            case KILL_COMMAND_SERVICE -> "command-service";
            case KILL_QUERY_SERVICE -> "query-service";
            default -> "the Kafka broker";
        };
    }

    /** Every fault, or those named ({@code --kinds=DISK_FULL,CLOCK_JUMP}). */
    private static Set<Fault> kinds(String named) {
        if (named == null || named.isBlank()) {
            return EnumSet.allOf(Fault.class);
        }
        Set<Fault> kinds = EnumSet.noneOf(Fault.class);
        Arrays.stream(named.split(",")).map(String::strip).map(Fault::valueOf).forEach(kinds::add);
        return kinds;
    }

    private static Fault draw(Random random, Set<Fault> kinds) {
        List<Fault> drawable = Arrays.stream(Fault.values()).filter(kinds::contains).toList();
        int total = drawable.stream().mapToInt(fault -> fault.weight).sum();
        int drawn = random.nextInt(total);
        for (Fault fault : drawable) {
            drawn -= fault.weight;
            if (drawn < 0) {
                return fault;
            }
        }
        throw new IllegalStateException();
    }

    private static String summary(List<Attempt> attempts) {
        Map<String, Integer> byAnswer = new TreeMap<>();
        attempts.forEach(attempt -> byAnswer.merge(switch (attempt.status()) {
            case Attempt.NO_ANSWER -> "sent, no answer";
            case Attempt.NOT_SENT -> "no connection";
            case Attempt.UNCONFIRMED -> "503, unconfirmed";
            default -> Integer.toString(attempt.status());
        }, 1, Integer::sum));
        Map<String, Long> accepted = new TreeMap<>();
        attempts.stream().filter(Attempt::accepted).forEach(attempt -> accepted.merge(attempt.kind().name(), 1L,
                Long::sum));
        return attempts.size() + " commands sent: " + byAnswer + "; accepted by kind " + accepted;
    }

    private Path output(int run) {
        return settings.dataDir().resolve("launcher-" + run + ".out");
    }

    private void say(String line) {
        out.printf("[%7.1f s] %s%n", (System.nanoTime() - started) / 1e9, line);
        out.flush();
    }

    private static Duration between(Random random, Duration shortest, Duration longest) {
        return shortest.plusMillis((long) (random.nextDouble() * (longest.toMillis() - shortest.toMillis())));
    }

    private static Duration seconds(String text) {
        return Duration.parse("PT" + text.toUpperCase());
    }
}
