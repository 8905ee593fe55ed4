package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import org.hls.infra.launcher.ServiceProcess.Patience;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the launcher runs of a service's build, and how long it waits for it to answer healthy. */
class ServiceProcessTest {

    private static final String REBUILDING = "{\"status\":\"OUT_OF_SERVICE\",\"components\":{\"projections\":"
            + "{\"status\":\"OUT_OF_SERVICE\",\"details\":{\"waitingForTheirShape\":[\"learning-feed\"]}}}}";

    @Test
    void aServiceIsGivenTwoMinutesToStart() {
        Patience patience = new Patience(0);

        assertThat(patience.heard("{\"status\":\"DOWN\"}", seconds(30))).isFalse();
        assertThat(patience.heard("{\"details\":{\"waitingForTheirShape\":[]}}", seconds(40))).isFalse();

        assertThat(patience.exhausted(seconds(119))).isFalse();
        assertThat(patience.exhausted(seconds(120))).isTrue();
        assertThat(patience.limit()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void oneRebuildingReadModelsInItsOwnShapeAfterAnUpgradeIsGivenHalfAnHourFromWhenItSaysSo() {
        Patience patience = new Patience(0);

        assertThat(patience.heard(REBUILDING, seconds(60))).as("said once").isTrue();
        assertThat(patience.heard(REBUILDING, seconds(90))).isFalse();

        assertThat(patience.exhausted(seconds(60 + 29 * 60))).isFalse();
        assertThat(patience.exhausted(seconds(60 + 30 * 60))).isTrue();
        assertThat(patience.limit()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aServiceRunsFromItsJarUnpackedByTheBuildOnlyWhileThatIsTheJarItWasUnpackedFrom(@TempDir Path target)
            throws IOException {
        Path jar = Files.writeString(target.resolve("command-service.jar"), "the jar");
        assertThat(ServiceProcess.runnable(jar)).as("not unpacked").isEqualTo(jar);

        Path unpacked = Files.writeString(Files.createDirectories(target.resolve("extracted"))
                .resolve("command-service.jar"), "its classes, its libraries beside it");
        FileTime built = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(jar, built);
        Files.setLastModifiedTime(unpacked, built); // as Spring Boot's extract leaves it
        assertThat(ServiceProcess.runnable(jar)).isEqualTo(unpacked);

        // Built again without being unpacked (the unpacking skipped, or a jar copied in): the copy is of another jar.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_060_000L));
        assertThat(ServiceProcess.runnable(jar)).isEqualTo(jar);
    }

    /** The build unpacks each service, or every platform would run the jars unnoticed, only slower to start. */
    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    void theBuildUnpacksEachServiceBesideItsJar(String service) {
        Path jar = Path.of(System.getProperty("hls.home", "../..")).resolve(service).resolve("target")
                .resolve(service + ".jar");
        assertThat(jar).isRegularFile();
        assertThat(ServiceProcess.runnable(jar)).isEqualTo(jar.resolveSibling("extracted").resolve(jar.getFileName()));
    }

    private static long seconds(long seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }
}
