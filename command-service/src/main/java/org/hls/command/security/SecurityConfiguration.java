package org.hls.command.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.hls.web.ProblemSecurityHandler;
import org.hls.web.TrustedTokens;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * An OAuth2 resource server: every {@code /api/**} call carries a JWT validated against the issuer's JWKS; health,
 * metrics and the API description are open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The scope that lets its bearer read the whole event store: a service (query-service rebuilding a view unasked)
     * or a platform operator's tool (backups, restores). No person's role does: the store holds every organisation's
     * events, and who sits in which confidential set.
     */
    public static final String READ_EVENTS_SCOPE = "events.read";
    /**
     * The scope that lets its bearer import history into the event store (with the {@code ADMIN} role): a platform
     * operator's tool restoring a backup. No organisation's administrator writes every organisation's history.
     */
    public static final String IMPORT_EVENTS_SCOPE = "events.import";

    /**
     * No Micrometer observation around each filter of the chain, authentication and authorisation: a tenth of a
     * command's CPU in a profile, for metrics nobody reads; the HTTP request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandler problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        // Every method: a HEAD of the events is served by their GET, and told how many are stored.
                        .requestMatchers("/api/admin/events").hasAuthority("SCOPE_" + READ_EVENTS_SCOPE)
                        .requestMatchers("/api/admin/import").hasAuthority("SCOPE_" + IMPORT_EVENTS_SCOPE)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** The dashboard page, served by query-service, may send commands from the browser with its bearer token. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${hls.web.allowed-origins}") List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        // The page waits as told before sending again under the same key (a 409 still being answered, a 429, a 503).
        cors.setExposedHeaders(List.of("Retry-After"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /** The tokens to trust: {@link TrustedTokens}. */
    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                          @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${spring.security.oauth2.resourceserver.jwt.audiences}") List<String> audiences) {
        return TrustedTokens.decoder(jwkSetUri, issuer, audiences);
    }

    /**
     * The token's {@code roles} claim (a person's) and {@code scope} claim (a service's, as Spring Security reads it)
     * become the caller's authorities.
     */
    static AbstractAuthenticationToken authentication(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        Collection<GrantedAuthority> authorities = new ArrayList<>(SCOPES.convert(jwt));
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static final JwtGrantedAuthoritiesConverter SCOPES = new JwtGrantedAuthoritiesConverter();

}
