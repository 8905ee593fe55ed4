package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.hls.command.support.ApiTest;
import org.hls.command.support.Http;
import org.hls.command.support.Http.Answer;
import org.hls.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A deployment serves health and metrics on a port of their own, as the deployment files set it
 * ({@code MANAGEMENT_SERVER_PORT}), which its ingress and proxy do not pass on: the metrics count every kind of event
 * exactly, which no one outside the platform's operators is to read.
 */
@IntegrationTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortApiTest extends ApiTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAreServedOnTheManagementPortAndNotWhereCommandsAre() {
        Http management = new Http(managementPort);

        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        Answer metrics = management.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(404);
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(404);
    }
}
