package org.hls.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The development token issuer of the embedded default: {@code POST /dev/token} signs whatever identity it is asked
 * for, {@code GET /.well-known/jwks.json} publishes its key, and it signs people in the way an OpenID Connect
 * provider does ({@link DevSignIn}). It exists only in the embedded default; production points the services and the
 * page at a real OIDC provider.
 */
public final class DevTokenIssuer implements AutoCloseable {

    public static final Set<String> ROLES = Set.of("PRACTITIONER", "FACILITATOR", "LEADER", "ANALYST", "ADMIN");
    static final Duration LIFETIME = Duration.ofHours(1);
    /** The audience ({@code aud}) of its tokens: the platform's services, which accept no token meant for another. */
    public static final String AUDIENCE = "learning-platform";
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_CLAIM_LENGTH = 200;
    static final List<String> TEXT_CLAIMS = List.of("sub", "name", "organisation", "team", "place");
    /**
     * The scopes that let its bearer read and import the whole event store (command-service's admin calls) and see
     * and rebuild the projections (query-service's).
     */
    public static final String OPERATOR_SCOPE = "events.read events.import projections.manage";
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z.]{0,39}( [a-z][a-z.]{0,39}){0,4}");

    private final ObjectMapper json = new ObjectMapper();
    private final RSAKey key;
    private final Clock clock;
    private final HttpServer server;
    private final DevSignIn signIn;

    private DevTokenIssuer(RSAKey key, int port, Clock clock) throws IOException {
        this.key = key;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/dev/token", this::token);
        server.createContext("/.well-known/jwks.json", this::jwks);
        this.signIn = new DevSignIn(baseUrl(), this::claims, this::sign, clock);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", exchange -> {
            try (exchange) {
                signIn.authorize(exchange);
            }
        });
        server.createContext("/end_session", exchange -> {
            try (exchange) {
                signIn.endSession(exchange);
            }
        });
        server.createContext("/token", exchange -> {
            try (exchange) {
                if (!preflight(exchange)) {
                    signIn.token(exchange);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dev-token-issuer");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * Starts an issuer on loopback. Its signing key is kept in {@code keyFile} (created on first start) so that
     * tokens stay valid across restarts; {@code null} keeps the key in memory only.
     */
    public static DevTokenIssuer start(Path keyFile, int port) {
        try {
            DevTokenIssuer issuer = new DevTokenIssuer(loadOrCreateKey(keyFile), port, Clock.systemUTC());
            issuer.server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public String jwksUri() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    /** The issuer its tokens name ({@code iss}): what the services are told to trust. */
    public String issuer() {
        return baseUrl();
    }

    /**
     * Signs exactly {@code claims} with this issuer's key, nothing added: for tests of the tokens a service must
     * refuse although their signature is good (another issuer, another audience, no expiry).
     */
    public String signExactly(JWTClaimsSet claims) {
        return serialize(claims);
    }

    /** Signs a token for the given identity, as {@code POST /dev/token} does. */
    public String issue(String sub, String name, List<String> roles, String organisation, String team, String place) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("name", name);
        claims.put("roles", roles);
        claims.put("organisation", organisation);
        claims.put("team", team);
        claims.put("place", place);
        return sign(claims);
    }

    /**
     * A platform operator's token, as {@code /dev/token} signs one asked for the {@code ADMIN} role and the scopes
     * {@value #OPERATOR_SCOPE}: for the tools that back up, restore and import the whole event store and rebuild
     * the projections, which no organisation's administrator reads, writes or rebuilds.
     */
    public String operator(String sub, String name) {
        return operator(sub, name, OPERATOR_SCOPE);
    }

    /** The same granted {@code scope} (space-separated) only: for tests of an operator's tool granted less. */
    public String operator(String sub, String name, String scope) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("name", name);
        claims.put("roles", List.of("ADMIN"));
        claims.put("organisation", "platform");
        claims.put("team", "operations");
        claims.put("place", "platform");
        claims.put("scope", scope);
        return sign(claims);
    }

    /**
     * Lets a service sign in as itself at {@code /token} (the client credentials grant) with {@code secret}: its
     * tokens name it as subject and carry {@code scope}, and no roles. Returns the token endpoint.
     */
    public String serviceClient(String clientId, String secret, String scope) {
        signIn.serviceClient(clientId, secret, scope);
        return baseUrl() + "/token";
    }

    /** A token as the client credentials grant gives {@code clientId}: it names no person and carries {@code scope}. */
    public String serviceToken(String clientId, String scope) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", clientId);
        claims.put("azp", clientId);
        claims.put("scope", scope);
        return sign(claims);
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (preflight(exchange)) {
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                problem(exchange, 405, "Method not allowed", "Use POST with a JSON body of claims.");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                problem(exchange, 413, "Payload too large", "The body may hold at most 16 KiB.");
                return;
            }
            Map<String, Object> claims;
            try {
                claims = claims(json.readTree(body));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problem(exchange, 400, "Bad request", e instanceof IllegalArgumentException
                        ? e.getMessage() : "The body must be a JSON object of claims.");
                return;
            }
            ObjectNode answer = json.createObjectNode()
                    .put("access_token", sign(claims))
                    .put("token_type", "Bearer")
                    .put("expires_in", LIFETIME.toSeconds());
            send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!preflight(exchange)) {
                send(exchange, 200, "application/json", signIn.discovery());
            }
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (preflight(exchange)) {
                return;
            }
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            send(exchange, 200, "application/json", body);
        }
    }

    private Map<String, Object> claims(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object of claims.");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : TEXT_CLAIMS) {
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_CLAIM_LENGTH
                    || value.asText().chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("'" + name + "' must be non-empty text of at most "
                        + MAX_CLAIM_LENGTH + " characters.");
            }
            claims.put(name, value.asText());
        }
        if (!claims.containsKey("sub")) {
            throw new IllegalArgumentException("'sub' is required.");
        }
        JsonNode roles = body.get("roles");
        List<String> granted = new java.util.ArrayList<>();
        if (roles != null && !roles.isNull()) {
            if (!roles.isArray()) {
                throw new IllegalArgumentException("'roles' must be an array of " + ROLES + ".");
            }
            for (JsonNode role : roles) {
                if (!role.isTextual() || !ROLES.contains(role.asText())) {
                    throw new IllegalArgumentException("'roles' must be an array of " + ROLES + ".");
                }
                granted.add(role.asText());
            }
        }
        claims.put("roles", granted);
        JsonNode scope = body.get("scope");
        if (scope != null && !scope.isNull()) {
            // What a platform operator's tool is granted beside a person's roles, such as reading the event store.
            if (!scope.isTextual() || !SCOPE.matcher(scope.asText()).matches()) {
                throw new IllegalArgumentException("'scope' must be space-separated names such as events.read.");
            }
            claims.put("scope", scope.asText());
        }
        return claims;
    }

    private String sign(Map<String, Object> claims) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        return serialize(builder.build());
    }

    private String serialize(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey loadOrCreateKey(Path keyFile) throws IOException {
        try {
            if (keyFile != null && Files.exists(keyFile)) {
                return RSAKey.parse(Files.readString(keyFile));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
            if (keyFile != null) {
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Files.writeString(keyFile, key.toJSONString());
            }
            return key;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Cannot read or create the development signing key", e);
        }
    }

    /** The dashboard page signs in from another origin, so the issuer answers CORS preflights. */
    private static boolean preflight(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
            exchange.sendResponseHeaders(204, -1);
            return true;
        }
        return false;
    }

    private void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode problem = json.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        send(exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
