package org.hls.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hls.query.support.IntegrationTest;
import org.hls.query.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The page keeps a bearer token in sessionStorage: it is served with a Content-Security-Policy that lets it run only
 * its own scripts and talk only to the services and the sign-in provider, and headers that tell other sites nothing.
 * Found by an outside client: none of these were sent.
 */
@IntegrationTest
@TestPropertySource(properties = {"hls.web.command-service-url=http://commands.example.org:8443/",
        "hls.web.oidc-issuer-url=https://login.example.org/realms/fife"})
class PageHeadersApiTest extends StackProperties {

    @LocalServerPort
    int port;

    /** To install as an app, a browser reads the manifest and its icons before anyone signs in. */
    @Test
    void theManifestNamesIconsABrowserCanInstallTheAppWithAndEachIsServed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        JsonNode manifest = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/manifest.webmanifest")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(manifest.get("icons").findValuesAsText("sizes")).contains("192x192", "512x512");
        for (JsonNode icon : manifest.get("icons")) {
            HttpResponse<byte[]> served = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + icon.get("src").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).as(icon.toString()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type").orElse("")).as(icon.toString())
                    .startsWith(icon.get("type").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app.js", "/ui-config"})
    void thePageAndItsFilesComeWithAPolicyThatAllowsOnlyItsOwnScriptsAndItsPartners(String path) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("script-src 'self';", "default-src 'self';", "frame-ancestors 'none'",
                "object-src 'none'", "http://commands.example.org:8443", "https://login.example.org")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Permissions-Policy").orElse("")).contains("camera=()",
                "geolocation=()");
    }
}
