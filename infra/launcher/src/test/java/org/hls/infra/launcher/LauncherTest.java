package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command where something listens already on one of the platform's ports (found when tried as a new user
 * would, with a platform still running: the store's port taken, a stack trace, and a launcher that never exited).
 */
class LauncherTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    @Test
    void aPortInUseIsNamedWithTheVariableThatMovesItAndTheLauncherExits() throws Exception {
        PlatformSettings settings = PlatformSettings.onFreePorts(HOME, dataDir);
        try (ServerSocket taken = new ServerSocket(settings.mongoPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LauncherProcess.start(settings, dataDir.resolve("launcher.out")))
                    .hasMessageContaining("The launcher exited")
                    .hasMessageContaining("port " + settings.mongoPort() + " (MONGODB_PORT) is in use")
                    .hasMessageContaining("MONGODB_PORT=" + (settings.mongoPort() + 100) + " ./run.sh");
        }
    }
}
