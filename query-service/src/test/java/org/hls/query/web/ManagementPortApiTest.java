package org.hls.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.hls.query.support.IntegrationTest;
import org.hls.query.support.RawHttp;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A deployment serves health and metrics on a port of their own, as the deployment files set it
 * ({@code MANAGEMENT_SERVER_PORT}), which its ingress and proxy do not pass on: the metrics and the history's health
 * count exactly, which no one outside the platform's operators is to read.
 */
@IntegrationTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortApiTest extends StackProperties {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAreServedOnTheManagementPortAndNotWhereThePageIs() throws IOException {
        awaitReady(managementPort);

        assertThat(RawHttp.get(managementPort, "/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
        assertThat(RawHttp.get(port, "/actuator/prometheus", null).statusCode()).isEqualTo(404);
        assertThat(RawHttp.get(port, "/actuator/health", null).statusCode()).isEqualTo(404);
        assertThat(RawHttp.get(port, "/ui-config", null).statusCode()).isEqualTo(200);
    }
}
