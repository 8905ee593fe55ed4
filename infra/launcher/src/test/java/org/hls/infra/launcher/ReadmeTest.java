package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README promises, done as a newcomer would: its run command in a fresh copy of the repository, its curl
 * walk-through against the running platform, then Ctrl-C.
 */
class ReadmeTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path clone;

    @Test
    void theRunCommandAndTheWalkThroughWorkFromAFreshClone() throws Exception {
        copyRepository();
        String readme = Files.readString(clone.resolve("README.md"));
        Path platformOutput = clone.resolve("platform.out");
        Process platform = new ProcessBuilder("bash", "-c", "exec " + block(readme, "<!-- run-command -->"))
                .directory(clone.toFile()).redirectErrorStream(true)
                .redirectOutput(platformOutput.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(platform.isAlive()).as("the run command exited:%n%s", tail(platformOutput)).isTrue();
                return Files.readString(platformOutput).contains("The learning platform is ready");
            });

            Process walkThrough = new ProcessBuilder("bash", "-euo", "pipefail", "-c",
                    block(readme, "<!-- walkthrough -->")).directory(clone.toFile()).redirectErrorStream(true)
                    .start();
            assertThat(walkThrough.waitFor(2, TimeUnit.MINUTES)).as("the walk-through finished").isTrue();
            String output = new String(walkThrough.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(walkThrough.exitValue()).as(output).isZero();
            assertThat(output).contains("\"experimentsProposed\":1").contains("\"experimentsConcluded\":1")
                    .contains("\"breakthroughs\":1").contains("\"AMPLIFY\":1")
                    .contains("Two people came back for a second visit")
                    .containsPattern("\"sessionsHeld\":(null|5),\"actionsCommitted\":(null|5),\"actionsDone\":(null|5)")
                    .contains("\"averageEvaluation\":null,\"smallNumbers\":{\"fewerThan\":3,\"roundedTo\":5}")
                    .contains("must be an open question, not advice")
                    .contains("a leader reading the set: 403");
            String dashboard = output.substring(output.lastIndexOf("{\"asOf\""));
            assertThat(dashboard).doesNotContain("Referrals bounce back").doesNotContain("Felt safe")
                    .doesNotContain("Ask three families");

            new ProcessBuilder("kill", "-INT", Long.toString(platform.pid())).start().waitFor();
            assertThat(platform.waitFor(2, TimeUnit.MINUTES)).as("stopped on Ctrl-C").isTrue();
            assertThat(Files.readString(platformOutput)).contains("Stopped. Data kept in");
            assertThat(listening(9092)).as("Kafka stopped with the platform").isFalse();
            assertThat(listening(27017)).as("the store stopped with the platform").isFalse();
        } finally {
            // A run that failed half way leaves nothing running either (a killed launcher would orphan the broker and
            // both services, and the next run on these ports would talk to them): the launcher is asked to stop, as
            // Ctrl-C does, then whatever it started and is still there is killed.
            List<ProcessHandle> started = platform.descendants().toList();
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The code block that follows a marker comment in the README. */
    private static String block(String readme, String marker) {
        String after = readme.substring(readme.indexOf(marker) + marker.length());
        int start = after.indexOf("```bash\n") + "```bash\n".length();
        return after.substring(start, after.indexOf("```", start)).strip();
    }

    /** Copies what a clone would hold: the tracked files and the new ones not ignored, without build output. */
    private void copyRepository() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(HOME.toFile()).start();
        String files = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        for (String file : files.split("\0")) {
            Path source = HOME.resolve(file);
            if (file.isEmpty() || !Files.isRegularFile(source)) {
                continue;
            }
            Path target = clone.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
