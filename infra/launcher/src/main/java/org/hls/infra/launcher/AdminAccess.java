package org.hls.infra.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.hls.events.EventJson;
import org.hls.infra.embedded.DevTokenIssuer;
import picocli.CommandLine.Option;

/**
 * How an operator's command acts as the platform's operator (a picocli mixin): the token it is given, or on the
 * embedded default one from the development issuer. It is an administrator's that is also granted the scopes
 * {@code events.read}, {@code events.import} and {@code projections.manage}, which alone read and import the whole
 * event store and rebuild the projections.
 */
final class AdminAccess {

    @Option(names = "--token", defaultValue = "${env:HLS_ADMIN_TOKEN}",
            description = "an operator's access token: the ADMIN role and the scopes events.read, events.import and "
                    + "projections.manage (default: "
                    + "$HLS_ADMIN_TOKEN, or one from the development issuer of the embedded default)")
    String token;

    @Option(names = "--dev-issuer", defaultValue = "${env:DEV_ISSUER_URL:-http://localhost:8080}",
            description = "the development issuer to ask for a token when none is given (default: ${DEFAULT-VALUE})")
    String devIssuer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The token given, or one the development issuer gives {@code command} (such as "backup") as the operator. */
    String admin(String command) {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String name = Character.toUpperCase(command.charAt(0)) + command.substring(1);
        String claims = "{\"sub\":\"" + command + "-command\",\"name\":\"" + name + " command\",\"roles\":[\"ADMIN\"],"
                + "\"organisation\":\"platform\",\"team\":\"operations\",\"place\":\"platform\","
                + "\"scope\":\"" + DevTokenIssuer.OPERATOR_SCOPE + "\"}";
        return EventJson.toTree(HttpCalls.send(http, HttpRequest.newBuilder(URI.create(devIssuer + "/dev/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(claims))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
    }
}
