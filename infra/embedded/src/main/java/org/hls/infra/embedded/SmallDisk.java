package org.hls.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own (a tmpfs) mounted at a folder, which a test or a fault campaign fills up and frees
 * again: a full disk, for real, under whatever writes there. Mounting one takes root on Linux, as CI runs.
 */
public final class SmallDisk implements AutoCloseable {

    private static Boolean mountable;

    private final Path folder;
    private final Path filler;

    private SmallDisk(Path folder) {
        this.folder = folder;
        this.filler = folder.resolve("filler");
    }

    /** Mounts a tmpfs of {@code size} (as {@code mount} reads it: {@code 64m}) at {@code folder}, created if need be. */
    public static SmallDisk mount(Path folder, String size) throws IOException {
        Files.createDirectories(folder);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", folder.toString()));
        return new SmallDisk(folder);
    }

    /** Whether this machine lets this process mount one (root on Linux, where a container allows it): tried once. */
    public static synchronized boolean mountable() {
        if (mountable == null) {
            mountable = "root".equals(System.getProperty("user.name"))
                    && System.getProperty("os.name").startsWith("Linux") && triedOnce();
        }
        return mountable;
    }

    private static boolean triedOnce() {
        try {
            Path folder = Files.createTempDirectory("small-disk-");
            try (SmallDisk tried = mount(folder, "1m")) {
                return Files.isDirectory(tried.folder());
            } finally {
                Files.deleteIfExists(folder);
            }
        } catch (IOException notHere) {
            return false;
        }
    }

    public Path folder() {
        return folder;
    }

    /** Takes every free byte, so that the next write that needs room fails with "No space left on device". */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Gives back what {@link #fill()} took. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Unmounts it (lazily: a process killed a moment ago may still hold a file there); what it held is gone. */
    @Override
    public void close() throws IOException {
        run(List.of("umount", "-l", folder.toString()));
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + command, e);
        } finally {
            process.destroyForcibly();
        }
    }
}
