package org.hls.infra.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
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
    void givesAPlatformOperatorTheScopesToReadAndImportTheEventStoreBesideTheirRoles() throws Exception {
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            HttpResponse<String> answer = post(issuer, """
                    {"sub":"backup-command","roles":["ADMIN"],"organisation":"platform","scope":"events.read events.import projections.manage"}""");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            var claims = SignedJWT.parse(JSON.readTree(answer.body()).get("access_token").asText()).getJWTClaimsSet();
            assertThat(claims.getStringClaim("scope")).isEqualTo("events.read events.import projections.manage");
            assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
            assertThat(SignedJWT.parse(issuer.operator("demo-import", "Demo import")).getJWTClaimsSet()
                    .getStringClaim("scope")).isEqualTo(DevTokenIssuer.OPERATOR_SCOPE);
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
                    "{\"sub\":\"a\\u0000b\"}", "{\"sub\":\"" + "x".repeat(201) + "\"}",
                    "{\"sub\":\"a\",\"scope\":[\"events.read\"]}", "{\"sub\":\"a\",\"scope\":\"events.read\\nx\"}",
                    "{\"sub\":\"a\",\"scope\":\"\"}", "{\"sub\":\"a\",\"scope\":\"" + "a".repeat(41) + "\"}")) {
                HttpResponse<String> answer = post(issuer, body);
                assertThat(answer.statusCode()).as(body).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
            assertThat(post(issuer, "{\"sub\":\"" + "x".repeat(20_000) + "\"}").statusCode()).isEqualTo(413);
        }
    }

    @Test
    void signsPeopleInWithTheAuthorizationCodeFlowAndPkce() throws Exception {
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            JsonNode discovery = JSON.readTree(get(issuer.baseUrl() + "/.well-known/openid-configuration").body());
            assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(issuer.baseUrl() + "/authorize");
            assertThat(get(discovery.get("authorization_endpoint").asText() + "?" + AUTHORIZE).body())
                    .contains("<form method=\"post\"").contains("name=\"state\" value=\"s-1\"");

            String code = signIn(issuer);
            HttpResponse<String> answer = exchange(issuer, code, VERIFIER);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            SignedJWT identity = SignedJWT.parse(JSON.readTree(answer.body()).get("id_token").asText());
            assertThat(identity.getJWTClaimsSet().getAudience()).containsExactly("learning-dashboard");
            assertThat(identity.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
            SignedJWT jwt = SignedJWT.parse(JSON.readTree(answer.body()).get("access_token").asText());
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("olu");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("LEADER");
            assertThat(jwt.getJWTClaimsSet().getStringClaim("organisation")).isEqualTo("council");
            assertThat(exchange(issuer, code, VERIFIER).statusCode()).as("a code is used once").isEqualTo(400);
        }
    }

    @Test
    void renewsAPersonsTokenWithARefreshTokenUsedOnceByItsClient() throws Exception {
        // Found by review: a wall screen signed in through the provider was signed out when its token expired.
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            String refresh = JSON.readTree(exchange(issuer, signIn(issuer), VERIFIER).body()).get("refresh_token")
                    .asText();
            assertThat(post(issuer.baseUrl() + "/token", "grant_type=refresh_token&client_id=someone-else"
                    + "&refresh_token=" + refresh).statusCode()).as("not its client").isEqualTo(400);

            HttpResponse<String> renewed = post(issuer.baseUrl() + "/token",
                    "grant_type=refresh_token&client_id=learning-dashboard&refresh_token=" + refresh);

            assertThat(renewed.statusCode()).as("another client's try left it: %s", renewed.body()).isEqualTo(200);
            JsonNode tokens = JSON.readTree(renewed.body());
            SignedJWT jwt = SignedJWT.parse(tokens.get("access_token").asText());
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("olu");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("LEADER");
            assertThat(tokens.get("refresh_token").asText()).isNotEqualTo(refresh);
            assertThat(post(issuer.baseUrl() + "/token", "grant_type=refresh_token&client_id=learning-dashboard"
                    + "&refresh_token=" + refresh).statusCode()).as("a refresh token is used once").isEqualTo(400);
            assertThat(post(issuer.baseUrl() + "/token", "grant_type=refresh_token&client_id=learning-dashboard"
                    + "&refresh_token=" + tokens.get("refresh_token").asText()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void endsAPersonsSignInWithTheRefreshTokensItsClientHeldAndSendsTheBrowserBack() throws Exception {
        // Found by the walk-through at a shared computer: signing out left the provider's sign-in as it was.
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            JsonNode tokens = JSON.readTree(exchange(issuer, signIn(issuer), VERIFIER).body());
            String ended = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(issuer.baseUrl()
                    + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .get("end_session_endpoint").asText();

            HttpResponse<String> back = get(ended + "?client_id=learning-dashboard&id_token_hint="
                    + tokens.get("id_token").asText() + "&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8082%2F");

            assertThat(back.statusCode()).isEqualTo(302);
            assertThat(back.headers().firstValue("Location")).contains("http://localhost:8082/");
            assertThat(post(issuer.baseUrl() + "/token", "grant_type=refresh_token&client_id=learning-dashboard"
                    + "&refresh_token=" + tokens.get("refresh_token").asText()).statusCode())
                    .as("its refresh token ended with it").isEqualTo(400);
            assertThat(get(ended + "?post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F").statusCode())
                    .as("nowhere off this machine").isEqualTo(400);
        }
    }

    @Test
    void refusesACodeWithoutItsVerifierAndRequestsThatWouldLeaveThisMachine() throws Exception {
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            HttpResponse<String> wrongVerifier = exchange(issuer, signIn(issuer), "not-the-verifier-at-all");
            assertThat(wrongVerifier.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(wrongVerifier.body()).get("error").asText()).isEqualTo("invalid_grant");

            for (String hostile : List.of(AUTHORIZE.replace("localhost%3A8082", "evil.example"),
                    AUTHORIZE.replace("&code_challenge_method=S256", ""), AUTHORIZE.replace("response_type=code",
                            "response_type=token"))) {
                assertThat(get(issuer.baseUrl() + "/authorize?" + hostile).statusCode()).as(hostile).isEqualTo(400);
            }
            assertThat(post(issuer.baseUrl() + "/authorize", AUTHORIZE + "&sub=%3Cscript%3E%00").body())
                    .contains("role=\"alert\"").doesNotContain("<script>");
        }
    }

    @Test
    void signsARegisteredServiceInWithItsSecretAndGrantsItOnlyItsScope() throws Exception {
        try (DevTokenIssuer issuer = DevTokenIssuer.start(null, Ports.free())) {
            String tokenUri = issuer.serviceClient("query-service", "s3cret", "events.read");
            String basic = "Basic " + Base64.getEncoder().encodeToString("query-service:s3cret".getBytes(UTF_8));

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenUri))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=events.read"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JWTClaimsSet claims = SignedJWT.parse(JSON.readTree(answer.body()).get("access_token").asText())
                    .getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo("query-service");
            assertThat(claims.getStringClaim("scope")).isEqualTo("events.read");
            assertThat(claims.getClaim("roles")).isNull();
            assertThat(claims.getAudience()).containsExactly(DevTokenIssuer.AUDIENCE);

            for (String wrong : List.of("grant_type=client_credentials&client_id=query-service&client_secret=guess",
                    "grant_type=client_credentials&client_id=someone-else&client_secret=s3cret",
                    "grant_type=client_credentials")) {
                HttpResponse<String> refused = post(tokenUri, wrong);
                assertThat(refused.statusCode()).as(wrong).isEqualTo(401);
                assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_client");
            }
            assertThat(post(tokenUri, "grant_type=client_credentials&client_id=query-service&client_secret=s3cret")
                    .statusCode()).as("the secret in the form").isEqualTo(200);
        }
    }

    private static final String VERIFIER = "a-verifier-of-at-least-forty-three-characters-0123456789";
    private static final String AUTHORIZE = "response_type=code&client_id=learning-dashboard"
            + "&redirect_uri=http%3A%2F%2Flocalhost%3A8082%2F&state=s-1&nonce=n-1&code_challenge="
            + DevSignIn.challengeOf(VERIFIER) + "&code_challenge_method=S256";

    /** Submits the sign-in page as Olu, a leader, and returns the code from the redirect back. */
    private String signIn(DevTokenIssuer issuer) throws Exception {
        HttpResponse<String> redirect = post(issuer.baseUrl() + "/authorize", AUTHORIZE
                + "&sub=olu&name=Olu&organisation=council&team=board&place=fife&role-LEADER=on");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://localhost:8082/?code=").endsWith("&state=s-1");
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private HttpResponse<String> exchange(DevTokenIssuer issuer, String code, String verifier) throws Exception {
        return post(issuer.baseUrl() + "/token", "grant_type=authorization_code&code=" + code
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8082%2F&client_id=learning-dashboard&code_verifier="
                + verifier);
    }

    private HttpResponse<String> get(String address) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String address, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(DevTokenIssuer issuer, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.baseUrl() + "/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
