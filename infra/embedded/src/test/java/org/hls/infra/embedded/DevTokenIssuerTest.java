package org.hls.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokenIssuerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void issuesATokenSignedByTheKeyItPublishes() throws Exception {
        try (DevTokenIssuer issuer = DevTokenIssuer.start(dataDir.resolve("key.json"), Ports.free())) {
            HttpResponse<String> answer = post(issuer, """
                    {"sub":"alice","name":"Alice","roles":["PRACTITIONER"],"organisation":"org-a","team":"team-1","place":"fife"}""");

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
            SignedJWT jwt = SignedJWT.parse(body.get("access_token").asText());
            String jwks = http.send(HttpRequest.newBuilder(URI.create(issuer.jwksUri())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            RSAKey key = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
            assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("PRACTITIONER");
            assertThat(jwt.getJWTClaimsSet().getStringClaim("place")).isEqualTo("fife");
        }
    }

    @Test
    void keepsItsKeyAcrossRestarts() throws Exception {
        String first;
        try (DevTokenIssuer issuer = DevTokenIssuer.start(dataDir.resolve("key.json"), Ports.free())) {
            first = issuer.issue("alice", "Alice", List.of(), "o", "t", "p");
        }
        try (DevTokenIssuer issuer = DevTokenIssuer.start(dataDir.resolve("key.json"), Ports.free())) {
            String jwks = http.send(HttpRequest.newBuilder(URI.create(issuer.jwksUri())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            RSAKey key = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
            assertThat(SignedJWT.parse(first).verify(new RSASSAVerifier(key))).isTrue();
        }
    }

    @Test
    void refusesMalformedAndHostileClaimsAsProblems() throws Exception {
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            for (String body : List.of("not json", "[]", "{}", "{\"sub\":\"\"}", "{\"sub\":\"a\",\"roles\":[\"KING\"]}",
                    "{\"sub\":\"a\\u0000b\"}", "{\"sub\":\"" + "x".repeat(201) + "\"}")) {
                HttpResponse<String> answer = post(issuer, body);
                assertThat(answer.statusCode()).as(body).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
            assertThat(post(issuer, "{\"sub\":\"" + "x".repeat(20_000) + "\"}").statusCode()).isEqualTo(413);
        }
    }

    private HttpResponse<String> post(DevTokenIssuer issuer, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.baseUrl() + "/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
