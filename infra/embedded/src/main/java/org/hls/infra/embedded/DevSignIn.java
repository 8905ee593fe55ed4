package org.hls.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * OpenID Connect sign-in as the development issuer offers it: the authorization code flow with PKCE (RFC 7636), the
 * flow a browser page uses with any real provider. Its sign-in page asks who you are instead of a password; it
 * redirects only to loopback addresses, and each code is used once, within a minute, with its verifier. Each code's
 * tokens come with a refresh token, used once for new ones within a day (rotated, as real providers do for a page).
 */
final class DevSignIn {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration REFRESH_LIFETIME = Duration.ofDays(1);
    private static final int MAX_FORM_BYTES = 16 * 1024;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    private final ObjectMapper json = new ObjectMapper();
    private final String issuer;
    private final Function<ObjectNode, Map<String, Object>> claimsOf;
    private final Function<Map<String, Object>, String> signer;
    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, ServiceClient> serviceClients = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshes = new ConcurrentHashMap<>();

    /** A code handed out and not yet exchanged. */
    private record Grant(Map<String, Object> claims, String clientId, String redirectUri, String challenge,
                         String nonce, Instant expires) {
    }

    /** A refresh token handed out and not yet used: whose it is, for which client, until when. */
    private record Refresh(Map<String, Object> claims, String clientId, Instant expires) {
    }

    /** A service that signs in as itself (client credentials, RFC 6749 section 4.4), with the scope it is granted. */
    private record ServiceClient(String secret, String scope) {
    }

    DevSignIn(String issuer, Function<ObjectNode, Map<String, Object>> claimsOf,
              Function<Map<String, Object>, String> signer, Clock clock) {
        this.issuer = issuer;
        this.claimsOf = claimsOf;
        this.signer = signer;
        this.clock = clock;
    }

    /** {@code GET /.well-known/openid-configuration}. */
    byte[] discovery() throws IOException {
        ObjectNode document = json.createObjectNode()
                .put("issuer", issuer)
                .put("authorization_endpoint", issuer + "/authorize")
                .put("token_endpoint", issuer + "/token")
                .put("jwks_uri", issuer + "/.well-known/jwks.json")
                .put("end_session_endpoint", issuer + "/end_session");
        document.putArray("response_types_supported").add("code");
        document.putArray("grant_types_supported").add("authorization_code").add("refresh_token")
                .add("client_credentials");
        document.putArray("code_challenge_methods_supported").add("S256");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("token_endpoint_auth_methods_supported").add("none").add("client_secret_basic")
                .add("client_secret_post");
        return json.writeValueAsBytes(document);
    }

    /**
     * {@code GET /authorize} shows the sign-in page for a valid request; {@code POST /authorize} (that page) hands out
     * a code by redirecting back. An invalid request is answered here, never redirected.
     */
    void authorize(HttpExchange exchange) throws IOException {
        boolean submitted = "POST".equals(exchange.getRequestMethod());
        Map<String, String> request = submitted ? form(exchange) : parameters(exchange.getRequestURI().getRawQuery());
        String refusal = refusalOf(request);
        if (refusal != null) {
            page(exchange, 400, "<p role=\"alert\">" + escape(refusal) + "</p>");
            return;
        }
        if (!submitted) {
            page(exchange, 200, signInForm(request, null));
            return;
        }
        Map<String, Object> claims;
        try {
            claims = claimsOf.apply(claimsNode(request));
        } catch (IllegalArgumentException invalid) {
            page(exchange, 400, signInForm(request, invalid.getMessage()));
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.values().removeIf(grant -> grant.expires().isBefore(clock.instant()));
        grants.put(code, new Grant(claims, request.get("client_id"), request.get("redirect_uri"),
                request.get("code_challenge"), request.get("nonce"), clock.instant().plus(CODE_LIFETIME)));
        redirect(exchange, request.get("redirect_uri"), "code=" + encode(code), request.get("state"));
    }

    /** Sends the browser back to {@code address} with {@code query} (if any) and the client's {@code state}. */
    private static void redirect(HttpExchange exchange, String address, String query, String state)
            throws IOException {
        String added = (query == null ? "" : query) + (state == null ? "" : (query == null ? "" : "&") + "state="
                + encode(state));
        exchange.getResponseHeaders().set("Location", added.isEmpty() ? address
                : address + (address.contains("?") ? "&" : "?") + added);
        exchange.sendResponseHeaders(302, -1);
    }

    /**
     * {@code GET /end_session} (OpenID Connect RP-Initiated Logout): ends the person's sign-in here, every refresh
     * token the client holds for whom the ID token names, and sends the browser back to the page's address (on
     * loopback).
     */
    void endSession(HttpExchange exchange) throws IOException {
        Map<String, String> request = parameters(exchange.getRequestURI().getRawQuery());
        String back = request.get("post_logout_redirect_uri");
        if (back == null || !isLoopback(back) || request.get("client_id") == null) {
            page(exchange, 400, "<p role=\"alert\">client_id is required, and post_logout_redirect_uri must be an http "
                    + "address on this machine.</p>");
            return;
        }
        String clientId = request.get("client_id");
        String sub = subjectOf(request.get("id_token_hint"));
        if (sub != null) {
            refreshes.values().removeIf(refresh -> sub.equals(refresh.claims().get("sub"))
                    && refresh.clientId().equals(clientId));
        }
        redirect(exchange, back, null, request.get("state"));
    }

    /** Whom an ID token this issuer signed names (its payload read as a hint, as the specification has it). */
    private String subjectOf(String idToken) {
        try {
            String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
            return parts.length != 3 ? null : json.readTree(Base64.getUrlDecoder().decode(parts[1])).path("sub")
                    .textValue();
        } catch (IOException | IllegalArgumentException notAToken) {
            return null;
        }
    }

    /** {@code POST /token}: a code, once, for the client and address it was given to, with the matching verifier. */
    void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            oauthError(exchange, 405, "invalid_request", "Use POST.");
            return;
        }
        Map<String, String> request = form(exchange);
        if ("client_credentials".equals(request.get("grant_type"))) {
            serviceToken(exchange, request);
            return;
        }
        if ("refresh_token".equals(request.get("grant_type"))) {
            refreshedToken(exchange, request);
            return;
        }
        if (!"authorization_code".equals(request.get("grant_type"))) {
            oauthError(exchange, 400, "unsupported_grant_type",
                    "Only authorization_code, refresh_token and client_credentials are supported.");
            return;
        }
        Grant grant = request.get("code") == null ? null : grants.remove(request.get("code"));
        if (grant == null || grant.expires().isBefore(clock.instant())
                || !grant.clientId().equals(request.get("client_id"))
                || !grant.redirectUri().equals(request.get("redirect_uri"))
                || request.get("code_verifier") == null
                || !grant.challenge().equals(challengeOf(request.get("code_verifier")))) {
            oauthError(exchange, 400, "invalid_grant", "The code is unknown, used, expired, or not yours.");
            return;
        }
        Map<String, Object> identity = new LinkedHashMap<>(grant.claims());
        identity.put("aud", grant.clientId());
        identity.put("azp", grant.clientId());
        if (grant.nonce() != null) {
            identity.put("nonce", grant.nonce());
        }
        ObjectNode answer = json.createObjectNode()
                .put("access_token", signer.apply(grant.claims()))
                .put("id_token", signer.apply(identity))
                .put("token_type", "Bearer")
                .put("expires_in", DevTokenIssuer.LIFETIME.toSeconds())
                .put("refresh_token", refreshTokenFor(grant.claims(), grant.clientId()));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        DevTokenIssuer.send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    /** A new access token (and refresh token) for a refresh token, once, by the client it was given to. */
    private void refreshedToken(HttpExchange exchange, Map<String, String> request) throws IOException {
        Refresh found = request.get("refresh_token") == null ? null : refreshes.get(request.get("refresh_token"));
        // Bound to its client: another's try leaves it as it was; the client's own uses it up.
        Refresh refresh = found == null || !found.clientId().equals(request.get("client_id")) ? null
                : refreshes.remove(request.get("refresh_token"));
        if (refresh == null || refresh.expires().isBefore(clock.instant())) {
            oauthError(exchange, 400, "invalid_grant", "The refresh token is unknown, used, expired, or not yours.");
            return;
        }
        ObjectNode answer = json.createObjectNode()
                .put("access_token", signer.apply(refresh.claims()))
                .put("token_type", "Bearer")
                .put("expires_in", DevTokenIssuer.LIFETIME.toSeconds())
                .put("refresh_token", refreshTokenFor(refresh.claims(), refresh.clientId()));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        DevTokenIssuer.send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    private String refreshTokenFor(Map<String, Object> claims, String clientId) {
        String token = UUID.randomUUID().toString();
        refreshes.values().removeIf(refresh -> refresh.expires().isBefore(clock.instant()));
        refreshes.put(token, new Refresh(claims, clientId, clock.instant().plus(REFRESH_LIFETIME)));
        return token;
    }

    /** Lets {@code clientId} sign in as itself with {@code secret}, granted {@code scope} (space-separated). */
    void serviceClient(String clientId, String secret, String scope) {
        serviceClients.put(clientId, new ServiceClient(secret, scope));
    }

    /**
     * A token for a registered service, authenticated by its secret in the {@code Authorization} header (Basic) or
     * the form: it names the service as subject and carries only the scope it was granted.
     */
    private void serviceToken(HttpExchange exchange, Map<String, String> request) throws IOException {
        String clientId = request.get("client_id");
        String secret = request.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                pair = "";
            }
            int colon = pair.indexOf(':');
            clientId = colon < 0 ? null : URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            secret = colon < 0 ? null : URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
        }
        ServiceClient client = clientId == null ? null : serviceClients.get(clientId);
        if (client == null || secret == null || !MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"dev token issuer\"");
            oauthError(exchange, 401, "invalid_client", "Unknown client or wrong secret.");
            return;
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", clientId);
        claims.put("azp", clientId);
        claims.put("scope", client.scope());
        ObjectNode answer = json.createObjectNode()
                .put("access_token", signer.apply(claims))
                .put("token_type", "Bearer")
                .put("expires_in", DevTokenIssuer.LIFETIME.toSeconds())
                .put("scope", client.scope());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        DevTokenIssuer.send(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    private static String refusalOf(Map<String, String> request) {
        if (!"code".equals(request.get("response_type"))) {
            return "Only response_type=code is supported.";
        }
        if (request.get("client_id") == null || request.get("client_id").isBlank()) {
            return "client_id is required.";
        }
        if (!isLoopback(request.get("redirect_uri"))) {
            return "redirect_uri must be an http address on this machine (localhost or 127.0.0.1).";
        }
        if (request.get("code_challenge") == null || !"S256".equals(request.get("code_challenge_method"))) {
            return "PKCE is required: code_challenge with code_challenge_method=S256.";
        }
        return null;
    }

    private static boolean isLoopback(String address) {
        try {
            URI uri = address == null ? null : URI.create(address);
            return uri != null && "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost())
                    && uri.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ObjectNode claimsNode(Map<String, String> form) {
        ObjectNode claims = json.createObjectNode();
        for (String name : DevTokenIssuer.TEXT_CLAIMS) {
            String value = form.get(name);
            if (value != null && !value.isBlank()) {
                claims.put(name, value.strip());
            }
        }
        ArrayNode roles = claims.putArray("roles");
        DevTokenIssuer.ROLES.stream().sorted().filter(role -> form.containsKey("role-" + role)).forEach(roles::add);
        return claims;
    }

    private static String signInForm(Map<String, String> request, String error) {
        StringBuilder html = new StringBuilder("<h1>Development sign-in</h1>"
                + "<p>This issuer exists only in the embedded default. Say who you are; no password.</p>");
        if (error != null) {
            html.append("<p role=\"alert\" id=\"error\">").append(escape(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/authorize\">");
        for (String hidden : new String[] {"response_type", "client_id", "redirect_uri", "state", "nonce",
                "code_challenge", "code_challenge_method"}) {
            if (request.get(hidden) != null) {
                html.append("<input type=\"hidden\" name=\"").append(hidden).append("\" value=\"")
                        .append(escape(request.get(hidden))).append("\">");
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("sub", "Person id");
        labels.put("name", "Name");
        labels.put("organisation", "Organisation");
        labels.put("team", "Team");
        labels.put("place", "Place");
        labels.forEach((name, label) -> html.append("<p><label for=\"").append(name).append("\">").append(label)
                .append("</label><br><input id=\"").append(name).append("\" name=\"").append(name)
                .append("\" value=\"").append(escape(request.getOrDefault(name, ""))).append("\"></p>"));
        html.append("<fieldset><legend>Roles</legend>");
        DevTokenIssuer.ROLES.stream().sorted().forEach(role -> html.append("<label><input type=\"checkbox\" name=\"role-")
                .append(role).append("\"").append(request.containsKey("role-" + role) ? " checked" : "").append("> ")
                .append(role).append("</label> "));
        html.append("</fieldset><p><button type=\"submit\">Sign in</button></p></form>");
        return html.toString();
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>Development sign-in</title></head><body>"
                + "<main>" + body + "</main></body></html>";
        DevTokenIssuer.send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private void oauthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        ObjectNode answer = json.createObjectNode().put("error", error).put("error_description", description);
        DevTokenIssuer.send(exchange, status, "application/json", json.writeValueAsBytes(answer));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES);
        }
        return parameters(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
