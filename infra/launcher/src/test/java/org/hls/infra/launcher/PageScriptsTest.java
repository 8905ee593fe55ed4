package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every script of the page parses, checked by Node ({@code node --check}, which {@code .ci/run} installs from
 * Debian): a script that does not parse leaves the page without everything it does, which the browser test finds
 * only as a minute's wait for something that never shows.
 */
class PageScriptsTest {

    private static final Path PAGE = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize()
            .resolve("query-service/src/main/resources/static");

    @Test
    void everyScriptOfThePageParses() throws IOException, InterruptedException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(PAGE)) {
            scripts = files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
        }
        assertThat(scripts).as("the page's scripts").hasSizeGreaterThan(5);
        for (Path script : scripts) {
            Process check;
            try {
                check = new ProcessBuilder("node", "--check", script.toString()).redirectErrorStream(true).start();
            } catch (IOException noNode) {
                throw new IllegalStateException("Node is needed to check the page's scripts: apt-get install nodejs",
                        noNode);
            }
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(1, TimeUnit.MINUTES)).as("node --check %s finished", script).isTrue();
            assertThat(check.exitValue()).as("%s parses:%n%s", script.getFileName(), said).isZero();
        }
    }
}
